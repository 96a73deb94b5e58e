"""The pack's topic dictionary names the issues of British and American political news."""

from __future__ import annotations

import pytest

from stancekit import Document, Matcher, load_rules

MATCHER = Matcher(load_rules().compile())


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        ("Publicans oppose the Licensing Act.", "alcohol"),
        ("Campaigners back free personal care for the elderly.", "social_care"),
        ("Liberty opposes house arrest for terror suspects.", "terrorism"),
        ("Labour opposes all-women shortlists.", "affirmative_action"),
        # equal pay and racism are measures of their own under discrimination at large
        ("The union backs equal pay for care workers.", "equal_pay"),
        ("The bishop condemned racism in football.", "racism"),
        # a named deal or scheme is its own topic under the issue
        ("The senator opposes the Trans-Pacific Partnership.", "trans_pacific_partnership"),
        ("The governor opposes the TPP trade deal.", "trans_pacific_partnership"),
        ("The senator defended Obamacare.", "affordable_care_act"),
        ("The nurses back Medicare for all.", "single_payer"),
        ("Editors welcomed the Freedom of Information Act.", "freedom_of_information"),
        ("Peers back reform of the Act of Settlement.", "constitutional_reform"),
        # a tax with a name of its own is a measure under taxation, not the tax system at large
        ("Shopkeepers oppose higher VAT.", "vat"),
        ("First-time buyers oppose stamp duty.", "stamp_duty"),
        ("Hauliers oppose higher fuel duty.", "fuel_duty"),
        # a fiscal event is not the Budget that follows it
        ("The Tories attacked the pre-Budget report.", "pre_budget_report"),
        # schools and universities are two issues under education
        ("Head teachers back smaller class sizes.", "schools"),
        ("Vice-chancellors back more university funding.", "higher_education"),
        ("Vice-chancellors back more higher education funding.", "higher_education"),
        ("Employers oppose a default retirement age.", "age_discrimination"),
        ("The senator defended the ACA.", "affordable_care_act"),
        # recurring issues with no entry before: a stance on each was keyed by its own words
        ("The mayor backs more infrastructure spending.", "infrastructure"),
        ("The senator defended Dodd-Frank.", "financial_regulation"),
        ("The watchdog backs a donation cap.", "campaign_finance"),
        ("The sheriff defended the Second Amendment.", "gun_control"),
        ("The bishop opposes guns in schools.", "gun_control"),
        ("Students back tuition-free college.", "student_debt"),
    ],
)
def test_an_issue_of_the_news_is_named_by_the_dictionary(sentence: str, issue: str) -> None:
    (found,) = MATCHER.scan(Document("d", sentence))
    assert (found.topic.id, found.topic.key) == (issue, issue)


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        ("Democrats condemned the plan to ban Muslims from visiting.", "muslim_ban"),
        ("The mayor rejected any ban on Muslims as unlawful.", "muslim_ban"),
        ("Ranchers oppose building a wall along the border.", "border_wall"),
    ],
)
def test_an_issue_written_as_what_is_proposed_is_keyed_by_the_dictionary(sentence: str, issue: str) -> None:
    (found,) = MATCHER.scan(Document("d", sentence))
    assert found.topic.key == issue


def test_personal_care_products_are_no_care_for_the_elderly() -> None:
    (found,) = MATCHER.scan(Document("d", "Shoppers favour personal care brands from abroad."))
    assert found.topic.id != "social_care"


@pytest.mark.parametrize(
    "sentence",
    [
        "The insurer rejected a claim worth two million dollars.",
        "Shareholders backed a bid of 40bn yuan for the mill.",
    ],
)
def test_a_sum_of_money_is_not_the_currency_it_is_counted_in(sentence: str) -> None:
    (found,) = MATCHER.scan(Document("d", sentence))
    assert found.topic.id != "exchange_rates" and found.topic.key != "exchange_rates"


@pytest.mark.parametrize("sentence", ["Exporters welcomed the weak dollar.", "Retailers blamed a weaker dollar."])
def test_the_currency_itself_is_still_named(sentence: str) -> None:
    (found,) = MATCHER.scan(Document("d", sentence))
    assert found.topic.key == "exchange_rates"


def test_what_fuel_costs_is_not_the_duty_on_it() -> None:
    (price,) = MATCHER.scan(Document("d", "Airlines blamed high fuel prices for their losses."))
    (duty,) = MATCHER.scan(Document("d", "Hauliers oppose higher fuel duty."))
    assert (price.topic.key, duty.topic.key) == ("fuel_prices", "fuel_duty")
