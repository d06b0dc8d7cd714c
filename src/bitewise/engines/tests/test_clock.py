import pytest

from bitewise.engines.text.clock import clock


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        pytest.param(0, "0:00", id="zero"),
        pytest.param(9, "0:09", id="seconds"),
        pytest.param(83.4, "1:23", id="rounds-down"),
        pytest.param(59.6, "1:00", id="rounds-up-into-a-minute"),
        pytest.param(600, "10:00", id="minutes"),
        pytest.param(3599.4, "59:59", id="just-under-an-hour"),
        pytest.param(3600, "1:00:00", id="an-hour"),
        pytest.param(4500, "1:15:00", id="an-hour-and-a-quarter-not-75-minutes"),
        pytest.param(3723, "1:02:03", id="hours-minutes-seconds"),
        pytest.param(120_000, "33:20:00", id="hours-keep-counting"),
        pytest.param(-2.0, "0:00", id="never-negative"),
    ],
)
def test_a_clock_reads_m_ss_under_an_hour_and_h_mm_ss_from_an_hour(
    seconds: float, expected: str
) -> None:
    assert clock(seconds) == expected
