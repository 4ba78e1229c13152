"""Schemathesis hooks for Kindred's contract test (tests/contract/run.sh).

`positive_data_acceptance_exact` replaces schemathesis' `positive_data_acceptance`: a request
that the OpenAPI document says is valid must not be refused as malformed. The one exception is
a 422 whose every error is a rule that no JSON Schema can state -- a reference to something
that must exist as data, a single-use secret, an order between two fields, the clock -- each
listed below with its reason. A 422 naming any other code means the document is missing a
constraint the server enforces, and fails the run.
"""

import io
import re
import zipfile

import schemathesis
from hypothesis import strategies as st

# (field, code) pairs -- `errors[].field` matched as a regex from its start -- that a
# schema-valid request may still earn, and why no schema can state the rule.
SEMANTIC = [
    # Opaque and secret values: only the server's own are valid.
    (r"cursor$", "invalid_cursor", "a cursor is the previous page's next_cursor"),
    (r"token$", "invalid_or_expired", "a token comes from an email"),
    # References to things that exist as data, not as schema.
    (r"type$|items\[\d+\]\.type$", "unknown_type", "measurement types are data"),
    (r"unit$|items\[\d+\]\.unit$", "unknown_unit|unit_not_accepted", "a type's units are data"),
    (r"version$", "unknown_version", "questionnaire versions are data"),
    (r"condition$|conditions", "unknown_condition", "conditions are data"),
    (r"communities", "unknown_community", "communities are data"),
    (r"categories", "unknown_category", "study categories name catalog entries"),
    (r"handle$", "unknown_member|unknown_handle", "a handle must belong to a (member) account"),
    (r"mod_action_id$", "unknown_action", "moderator actions are data"),
    (r"measurement_types\[\d+\]$", "unknown_type", "measurement types are data"),
    (r"questionnaires\[\d+\]$", "unknown_questionnaire", "questionnaires are data"),
    (r"time_zone$", "invalid_time_zone", "time zones are the names in the tz database"),
    (r"(items\[\d+\]\.)?(value|components\..*)$", "unusual_value",
     "whether a value is far from the member's recent readings depends on their stored history"),
    (r"(items\[\d+\]\.)?context$", "not_allowed", "which types take a meal context is catalog data"),
    (r"answers\.", ".*", "a questionnaire's items and the comprehension check's questions are data"),
    (r"lines\[", ".*", "a CSV file's content is not described by a schema"),
    (r"body$", "not_a_zip|no_export_xml|malformed_export|too_large",
     "what a zip holds is not described by a schema"),
    (r"ranges(\..*)?$", "required|unknown_component|out_of_range|invalid_range|not_finite",
     "a target's components and plausible bounds are catalog data, and its low end is below its high end"),
    # What the catalog says about a type: its components, its plausible range, its units.
    (r"(items\[\d+\]\.)?(value|components(\..*)?)$", "required|not_allowed|out_of_range|not_integer|unknown_component",
     "what a value must be depends on its measurement type, which is data"),
    # A measurement type's units must convert into its canonical unit, listed first, and each
    # component's range must be a range.
    (r"accepted_units", "canonical_first|not_convertible", "unit conversions are data"),
    (r"components\[\d+\]$", "invalid_range", "min must be below max"),
    # A questionnaire definition's references between its parts (item keys in scoring and
    # flags, options of an item's type, bands that cover the score range) and uniqueness.
    (r"definition\.", "duplicate_key|duplicate_option|unknown_item|unknown_subscale|too_few_options"
     "|options_not_allowed|not_reversible|not_earlier|bands_overlap|bands_gap|bands_do_not_cover"
     "|ambiguous|invalid_range", "references inside a definition are not schema"),
    (r"definition\.items\[\d+\]\.(min|max|enable_when\.value)$", "required",
     "which items need bounds or a value depends on their type and operator"),
    (r"definition\.scoring\.subscales\[\d+\]\.key$", "invalid_key", "subscale keys are unique"),
    # A study's categories each once; eligibility by conditions or communities.
    (r"categories\[\d+\]\.category$", "duplicate", "each category once"),
    (r"conditions$", "required", "a study names conditions or communities (either)"),
    # Uniqueness and state.
    (r"handle$|slug$", "taken", "names are unique"),
    (r"handle$", "reserved", "some handles imitate the platform or its staff"),
    # Rules across fields, and against the clock.
    (r"to$|from$", "before_from|invalid_range|range_too_long", "the end of a range must follow its start"),
    (r"data_to$|data_from$|ends_on$", "before_from|before_start|in_the_past|invalid_range", "a study's dates must be in order and ahead"),
    (r"taken_at$|items\[\d+\]\.taken_at$", "in_future|out_of_range", "a reading cannot be taken in the future or before 1900"),
    (r"expires_at$", "in_the_past", "a ban ends in the future"),
    (r"(diagnosis|birth)_year$", "out_of_range", "a year cannot be in the future"),
    (r"body$", "empty", "an update must change something (null means unchanged)"),
    # The deployment's own minimum cohort size (KINDRED_MIN_COHORT, 5 or more).
    (r"min_cohort$", "below_platform_minimum", "the platform minimum is configuration"),
    # Check digits and strength.
    (r"orcid$", "invalid_orcid", "an ORCID iD ends in a check digit"),
    (r"(new_)?password$", "too_common", "no schema can tell a common password"),
]

def _semantic(error):
    field, code = str(error.get("field", "")), str(error.get("code", ""))
    return any(re.match(f, field) and re.fullmatch(c, code) for f, c, _why in SEMANTIC)


def _describe(errors):
    return ", ".join(f"{e.get('field')}: {e.get('code')}" for e in errors)


EXPECTED = {200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 401, 403, 404, 409, 410, 429}


@schemathesis.check
def positive_data_acceptance_exact(ctx, response, case):
    """A schema-valid request is not refused as malformed (see the module's docstring)."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if status in EXPECTED or status >= 500:
        return None
    errors = []
    if status == 422:
        try:
            errors = list(response.json().get("errors") or [])
        except Exception:  # noqa: BLE001 - a non-JSON 422 is itself a failure below
            errors = []
        if errors and all(_semantic(e) for e in errors):
            return None
    raise AssertionError(
        f"A schema-valid request was refused with {status}"
        + (f" (errors: {_describe(errors)})" if errors else "")
        + ": the document lacks a constraint the server enforces, or the server refuses valid input."
    )


def _zip(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in files:
            z.writestr(name, body)
    return buf.getvalue()


_EXPORT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">'
    '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" '
    'value="64" startDate="2026-01-31 08:30:00 +0100"/></HealthData>'
)

# Apple Health uploads: a real export, one without export.xml, and bytes that are no zip.
schemathesis.openapi.media_type(
    "application/zip",
    st.sampled_from([
        _zip([("apple_health_export/export.xml", _EXPORT)]),
        _zip([("notes.txt", "hello")]),
        b"not a zip",
    ]),
)
