"""Tests for the identifier validators: credit codes (GB 32100, GB 11714) and resident IDs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.clock import FixedClock, use_clock
from app.core.validators import (
    CodeProblem,
    IDProblem,
    check_resident_id,
    check_uscc,
    is_valid_uscc,
    mask_resident_id,
    normalize_code,
    organization_code_check_character,
    resident_id_check_character,
    uscc_check_character,
)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
# Characters that stay invalid after normalization: the five excluded capitals, punctuation,
# a non-ASCII letter and a CJK character. Lower-case or full-width forms of valid symbols are
# not substitutions at all, since normalization maps them back.
NOT_IN_USCC_ALPHABET = "IOZSV-_.*/#Ä一"
NOT_IN_RESIDENT_ID = "AXZ-*/#一"

PUBLIC_USCC_VALUES = [
    "91110000600037341L",
    "91310000631696382C",
    "914112810713741814",
    "121200004013590816",
    "92340602MA2PBMEM24",
    "9144030071526726XG",
]
PILOT_ERA_USCC = "91350211M00013FA1N"

TODAY = date(2025, 6, 1)
# The worked example of GB 11643-1999: a woman born 1949-12-31 in Beijing's Chaoyang district.
STANDARD_EXAMPLE_ID = "11010519491231002X"

# --- strategies -------------------------------------------------------------------------------

uscc_symbols = st.sampled_from(USCC_ALPHABET)


@st.composite
def valid_usccs(draw: st.DrawFn) -> str:
    """A code passing both checks: 8 free symbols, an organization code body and its checks."""
    head = "".join(draw(st.lists(uscc_symbols, min_size=8, max_size=8)))
    body = "".join(draw(st.lists(uscc_symbols, min_size=8, max_size=8)))
    first17 = head + body + organization_code_check_character(body)
    return first17 + uscc_check_character(first17)


@st.composite
def valid_resident_ids(draw: st.DrawFn) -> tuple[str, date, int]:
    """A valid number with the birth date and sequence number it was built from."""
    address = draw(st.from_regex(r"\A[0-9]{6}\Z"))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    sequence = draw(st.integers(min_value=0, max_value=999))
    first17 = f"{address}{born:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_character(first17), born, sequence


def substitute(code: str, position: int, replacement: str) -> str:
    return code[:position] + replacement + code[position + 1 :]


def resident_id_with_birth_date(birth_digits: str) -> str:
    """A number with the given YYYYMMDD digits and a correct check character."""
    first17 = f"410108{birth_digits}123"
    return first17 + resident_id_check_character(first17)


# --- unified social credit code ---------------------------------------------------------------


@pytest.mark.parametrize("code", PUBLIC_USCC_VALUES)
def test_public_uscc_values_pass(code: str) -> None:
    result = check_uscc(code)
    assert result.ok
    assert result.problem is None
    assert result.code == code
    assert is_valid_uscc(code)


def test_public_value_with_wrong_final_character_is_check_character_mismatch() -> None:
    result = check_uscc("91110000600037341N")
    assert not result.ok
    assert result.problem is CodeProblem.CHECK_CHARACTER_MISMATCH
    assert not is_valid_uscc("91110000600037341N")


def test_pilot_era_code_is_check_character_mismatch_not_malformed() -> None:
    result = check_uscc(PILOT_ERA_USCC)
    assert result.problem is CodeProblem.CHECK_CHARACTER_MISMATCH
    # Its embedded organization code is fine, and its parts stay readable for the override list.
    assert result.organization_code == "M00013FA1"
    assert result.division_code == "350211"


def test_uscc_parts_are_read_from_their_positions() -> None:
    result = check_uscc("914112810713741814")
    assert result.registration_authority == "9"
    assert result.organization_category == "1"
    assert result.division_code == "411281"
    assert result.organization_code == "071374181"


def test_malformed_uscc_has_no_parts() -> None:
    result = check_uscc("9111000060003734")
    assert result.problem is CodeProblem.MALFORMED
    assert result.registration_authority is None
    assert result.organization_category is None
    assert result.division_code is None
    assert result.organization_code is None


def test_organization_code_failure_is_reported_before_the_final_check() -> None:
    # Org code check character 1 → 2 (still a valid USCC symbol), final check recomputed.
    first17 = "91110000600037342"
    code = first17 + uscc_check_character(first17)
    assert check_uscc(code).problem is CodeProblem.ORGANIZATION_CODE_MISMATCH


def test_organization_check_misses_values_eleven_apart_but_final_check_catches() -> None:
    # GB 11714 works mod 11 over values up to 35, so "6" (6) → "H" (17) keeps the
    # organization code valid; the mod-31 final check is what detects the substitution.
    code = substitute("91110000600037341L", 8, "H")
    assert organization_code_check_character(code[8:16]) == code[16]
    assert check_uscc(code).problem is CodeProblem.CHECK_CHARACTER_MISMATCH


@given(valid_usccs())
def test_every_generated_valid_uscc_passes(code: str) -> None:
    result = check_uscc(code)
    assert result.ok
    assert result.code == code


@given(
    valid_usccs(),
    st.integers(min_value=0, max_value=17),
    st.sampled_from(USCC_ALPHABET + NOT_IN_USCC_ALPHABET),
)
def test_every_single_substitution_in_a_uscc_is_detected(
    code: str, position: int, replacement: str
) -> None:
    # Always detectable: 31 is prime, every weight 3^(i-1) mod 31 is non-zero and two distinct
    # symbols differ by 1…30, so the weighted sum changes mod 31.
    if replacement == code[position]:
        replacement = USCC_ALPHABET[(USCC_ALPHABET.index(replacement) + 1) % 31]
    result = check_uscc(substitute(code, position, replacement))
    assert not result.ok
    if replacement in NOT_IN_USCC_ALPHABET:
        assert result.problem is CodeProblem.MALFORMED
    elif 8 <= position <= 16:
        assert result.problem in {
            CodeProblem.ORGANIZATION_CODE_MISMATCH,
            CodeProblem.CHECK_CHARACTER_MISMATCH,
        }
    else:
        assert result.problem is CodeProblem.CHECK_CHARACTER_MISMATCH


@pytest.mark.parametrize("code", PUBLIC_USCC_VALUES)
def test_every_substitution_in_public_values_is_detected(code: str) -> None:
    for position, original in enumerate(code):
        for replacement in USCC_ALPHABET.replace(original, ""):
            assert not is_valid_uscc(substitute(code, position, replacement)), (
                position,
                replacement,
            )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("91110000600037341l", "91110000600037341L"),
        (" 9111 0000 6000 3734 1L ", "91110000600037341L"),
        ("91110000\u3000600037341L\t\n", "91110000600037341L"),
        ("９１１１００００６０００３７３４１Ｌ", "91110000600037341L"),
        ("９２３４０６０２ｍａ２ｐｂｍｅｍ２４", "92340602MA2PBMEM24"),
    ],
)
def test_uscc_input_is_normalized_before_checking(raw: str, expected: str) -> None:
    result = check_uscc(raw)
    assert result.ok
    assert result.code == expected


@given(valid_usccs(), st.data())
def test_any_mix_of_case_width_and_spaces_normalizes_back(code: str, data: st.DataObject) -> None:
    def full_width(symbol: str) -> str:
        return chr(ord(symbol) + 0xFEE0)

    forms = [str.lower, full_width, lambda symbol: full_width(symbol.lower()), lambda s: s]
    spaces = st.sampled_from(["", " ", "\u3000", "\t", "\u00a0"])
    raw = "".join(data.draw(st.sampled_from(forms))(symbol) + data.draw(spaces) for symbol in code)
    assert normalize_code(raw) == code
    assert check_uscc(raw).ok


def test_normalize_only_upper_cases_ascii_letters() -> None:
    # str.upper() would turn the ligature "ﬀ" into "FF" and make a valid code out of it.
    body = "FF000000"
    first17 = "91110000" + body + organization_code_check_character(body)
    code = first17 + uscc_check_character(first17)
    assert is_valid_uscc(code)
    assert check_uscc(code.replace("FF", "ﬀ")).problem is CodeProblem.MALFORMED


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "91110000600037341",  # 17 characters
        "91110000600037341LL",  # 19 characters
        "91110000600037341I",  # I, O, Z, S, V are not in the alphabet
        "9111000060003734OL",
        "Z1110000600037341L",
        "91110000600037341S",
        "91110000600037341V",
        "91110000-600037341L",
        "9111000060003734１-",
        "91110000600037341Ⅼ",  # Roman numeral fifty, a look-alike of L
    ],
)
def test_wrong_length_or_alphabet_is_malformed(raw: str) -> None:
    result = check_uscc(raw)
    assert result.problem is CodeProblem.MALFORMED
    assert not result.ok


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("0" * 17, "0"),  # Σ = 0 → 31 − 0 = 31, written as the symbol of 0
        ("1" + "0" * 16, "Y"),  # Σ = 1·1 → 30, the last symbol
        ("0" * 16 + "1", "3"),  # Σ = 1·28 → 3
        ("0" * 15 + "Y0", "Y"),  # Σ = 30·30 = 900 ≡ 1 (mod 31) → 30
    ],
)
def test_uscc_check_character_known_answers(first17: str, check: str) -> None:
    assert uscc_check_character(first17) == check


@pytest.mark.parametrize("bad", ["", "9111000060003734", "911100006000373411", "9111000060003734I"])
def test_uscc_check_character_helper_rejects_non_canonical_input(bad: str) -> None:
    with pytest.raises(ValueError, match="USCC alphabet"):
        uscc_check_character(bad)


@pytest.mark.parametrize("bad", ["", "6000373", "600037341", "6000373a"])
def test_organization_code_helper_rejects_non_canonical_input(bad: str) -> None:
    with pytest.raises(ValueError, match="organization code body"):
        organization_code_check_character(bad)


def test_organization_code_check_writes_ten_as_x_and_eleven_as_zero() -> None:
    assert organization_code_check_character("71526726") == "X"  # from 9144030071526726XG
    assert organization_code_check_character("40000000") == "X"  # Σ = 12 → 11 − 1 = 10
    assert organization_code_check_character("00000000") == "0"  # Σ = 0 → 11 − 0 = 11
    assert organization_code_check_character("00000001") == "9"  # Σ = 2 → 11 − 2 = 9


# --- resident identity number -----------------------------------------------------------------


def test_standard_example_passes_and_decodes() -> None:
    result = check_resident_id(STANDARD_EXAMPLE_ID, today=TODAY)
    assert result.ok
    assert result.number == STANDARD_EXAMPLE_ID
    assert result.birth_date == date(1949, 12, 31)
    assert result.sex == "female"


def test_lower_case_x_and_spaces_are_normalized() -> None:
    result = check_resident_id(" 110105 19491231 002x ", today=TODAY)
    assert result.ok
    assert result.number == STANDARD_EXAMPLE_ID


@given(valid_resident_ids())
def test_every_generated_resident_id_passes_and_decodes(case: tuple[str, date, int]) -> None:
    number, born, sequence = case
    result = check_resident_id(number, today=TODAY)
    assert result.ok
    assert result.number == number
    assert result.birth_date == born
    assert result.sex == ("male" if sequence % 2 == 1 else "female")


@given(
    valid_resident_ids(),
    st.integers(min_value=0, max_value=17),
    st.sampled_from("0123456789X" + NOT_IN_RESIDENT_ID),
)
def test_every_single_substitution_in_a_resident_id_is_detected(
    case: tuple[str, date, int], position: int, replacement: str
) -> None:
    # Always detectable: 11 is prime, every weight 2^(18-i) mod 11 is non-zero, two digits differ
    # by 1…9 and the eleven check characters stand for eleven distinct values mod 11.
    number = case[0]
    if replacement == number[position]:
        replacement = "1" if replacement in "9X" else str(int(replacement) + 1)
    result = check_resident_id(substitute(number, position, replacement), today=TODAY)
    assert not result.ok
    allowed_here = "0123456789X" if position == 17 else "0123456789"
    if replacement not in allowed_here:
        assert result.problem is IDProblem.MALFORMED
    elif 6 <= position <= 13:
        assert result.problem in {IDProblem.BIRTH_DATE_INVALID, IDProblem.CHECK_CHARACTER_MISMATCH}
    else:
        assert result.problem is IDProblem.CHECK_CHARACTER_MISMATCH


def test_wrong_check_character_still_decodes_what_was_read() -> None:
    result = check_resident_id("110105194912310021", today=TODAY)
    assert result.problem is IDProblem.CHECK_CHARACTER_MISMATCH
    assert result.birth_date == date(1949, 12, 31)
    assert result.sex == "female"


@pytest.mark.parametrize(
    "birth_digits",
    [
        "19900230",  # 30 February
        "19000229",  # 1900 was not a leap year
        "19901301",  # month 13
        "19900100",  # day 0
        "18991231",  # before 1900-01-01
        "20250602",  # the day after TODAY
        "20990101",
    ],
)
def test_impossible_birth_date_is_birth_date_invalid(birth_digits: str) -> None:
    result = check_resident_id(resident_id_with_birth_date(birth_digits), today=TODAY)
    assert result.problem is IDProblem.BIRTH_DATE_INVALID
    assert result.birth_date is None
    assert result.sex is None


@pytest.mark.parametrize("birth_digits", ["19000101", "20000229", "20250601"])
def test_boundary_birth_dates_are_accepted(birth_digits: str) -> None:
    assert check_resident_id(resident_id_with_birth_date(birth_digits), today=TODAY).ok


def test_birth_date_bound_defaults_to_the_business_clock() -> None:
    born_today = resident_id_with_birth_date("20300115")
    born_tomorrow = resident_id_with_birth_date("20300116")
    # 2030-01-14 20:00 UTC is already 2030-01-15 in Asia/Shanghai, the business calendar.
    clock = FixedClock(datetime(2030, 1, 14, 20, 0, tzinfo=UTC))
    with use_clock(clock):
        assert check_resident_id(born_today).ok
        assert check_resident_id(born_tomorrow).problem is IDProblem.BIRTH_DATE_INVALID
        clock.advance(timedelta(days=1))
        assert check_resident_id(born_tomorrow).ok


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "11010519491231002",  # 17 characters
        "11010519491231002XX",  # 19 characters
        "11010519491231002A",  # check character neither digit nor X
        "X10105194912310020",  # X only allowed last
        "1101051949l231002X",  # letter in the digits
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",  # Arabic-Indic digits are digits to str.isdigit, not here
    ],
)
def test_wrong_shape_is_malformed(raw: str) -> None:
    result = check_resident_id(raw, today=TODAY)
    assert result.problem is IDProblem.MALFORMED
    assert result.birth_date is None
    assert result.sex is None


@pytest.mark.parametrize("bad", ["", "1101051949123100", "110105194912310021", "1101051949123100X"])
def test_resident_id_check_character_helper_rejects_non_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="17 digits"):
        resident_id_check_character(bad)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("41010819900307123X", "410108********123X"),
        ("12345678901", "123456*8901"),
        ("1234567890", "**********"),  # ten characters: would show in full, so all hidden
        ("123456789", "*********"),
        ("", ""),
    ],
)
def test_masking_keeps_first_six_and_last_four(number: str, masked: str) -> None:
    assert mask_resident_id(number) == masked
