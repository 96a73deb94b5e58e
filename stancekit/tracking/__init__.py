"""Stance over time: findings counted per actor, topic and period, and the shifts between periods."""
