//! Every PHQ-9 answer set (4^9 = 262,144) and every GAD-7 answer set
//! (4^7 = 16,384) gives the right total, band, two-item screen, rules and
//! level. The expected values are computed here independently: a plain sum
//! and the PHQ-9 and GAD-7 band tables (`docs/methodology.md#instrument-phq9`)
//! written out again.

use carestep_engine::{
    assess, Answers, Gad7Band, ItemId, Level, Phq9Band, Response, RuleId, ScreenBand,
};

use ItemId::*;

const PHQ9: [ItemId; 9] = [
    Phq9_1, Phq9_2, Phq9_3, Phq9_4, Phq9_5, Phq9_6, Phq9_7, Phq9_8, Phq9_9,
];
const GAD7: [ItemId; 7] = [Gad7_1, Gad7_2, Gad7_3, Gad7_4, Gad7_5, Gad7_6, Gad7_7];

/// The i-th answer set in base 4: digit k is the answer to item k.
fn digits<const N: usize>(mut i: u32) -> [u64; N] {
    let mut d = [0; N];
    for x in d.iter_mut() {
        *x = u64::from(i % 4);
        i /= 4;
    }
    d
}

fn expected_phq9_band(total: u32) -> Phq9Band {
    if total >= 20 {
        Phq9Band::Severe
    } else if total >= 15 {
        Phq9Band::ModeratelySevere
    } else if total >= 10 {
        Phq9Band::Moderate
    } else if total >= 5 {
        Phq9Band::Mild
    } else {
        Phq9Band::Minimal
    }
}

fn expected_gad7_band(total: u32) -> Gad7Band {
    if total >= 15 {
        Gad7Band::Severe
    } else if total >= 10 {
        Gad7Band::Moderate
    } else if total >= 5 {
        Gad7Band::Mild
    } else {
        Gad7Band::Minimal
    }
}

fn screen(total: u32) -> ScreenBand {
    if total >= 3 {
        ScreenBand::Positive
    } else {
        ScreenBand::Negative
    }
}

#[test]
fn every_phq9_answer_set() {
    let mut a = Answers::new();
    let mut checked = 0u32;
    for i in 0..4u32.pow(9) {
        let d: [u64; 9] = digits(i);
        for (&id, &v) in PHQ9.iter().zip(d.iter()) {
            a.set(id, Response::Value(v)).unwrap();
        }
        let total = d.iter().sum::<u64>() as u32;
        let r = assess(&a);
        let phq9 = r.scores.phq9.expect("PHQ-9 scored");
        assert_eq!(phq9.total, Some(total), "{d:?}");
        assert_eq!(phq9.band, Some(expected_phq9_band(total)), "{d:?}");
        assert!(phq9.complete);
        let phq2 = r.scores.phq2.expect("PHQ-2 scored");
        assert_eq!(phq2.total, (d[0] + d[1]) as u32);
        assert_eq!(phq2.band, screen((d[0] + d[1]) as u32));
        // With only PHQ-9 items 1–9 answered, O1 (total ≥ 10) and O9
        // (item 9 ≥ 1) are the only rules that can fire: item 10 is absent,
        // so there is no functional-impairment input for I1/I2/P1.
        let mut rules = Vec::new();
        if total >= 10 {
            rules.push(RuleId::O1);
        }
        if d[8] >= 1 {
            rules.push(RuleId::O9);
        }
        assert_eq!(r.rules_fired, rules, "{d:?}");
        let level = if rules.is_empty() {
            Level::SelfCare
        } else {
            Level::Outpatient
        };
        assert_eq!(r.level, level, "{d:?}");
        checked += 1;
    }
    assert_eq!(checked, 262_144);
}

#[test]
fn every_gad7_answer_set() {
    let mut a = Answers::new();
    let mut checked = 0u32;
    for i in 0..4u32.pow(7) {
        let d: [u64; 7] = digits(i);
        for (&id, &v) in GAD7.iter().zip(d.iter()) {
            a.set(id, Response::Value(v)).unwrap();
        }
        let total = d.iter().sum::<u64>() as u32;
        let r = assess(&a);
        let gad7 = r.scores.gad7.expect("GAD-7 scored");
        assert_eq!(gad7.total, Some(total), "{d:?}");
        assert_eq!(gad7.band, Some(expected_gad7_band(total)), "{d:?}");
        assert!(gad7.complete);
        let gad2 = r.scores.gad2.expect("GAD-2 scored");
        assert_eq!(gad2.total, (d[0] + d[1]) as u32);
        assert_eq!(gad2.band, screen((d[0] + d[1]) as u32));
        let fired = total >= 10;
        assert_eq!(
            r.rules_fired,
            if fired { vec![RuleId::O2] } else { vec![] },
            "{d:?}"
        );
        assert_eq!(
            r.level,
            if fired {
                Level::Outpatient
            } else {
                Level::SelfCare
            }
        );
        checked += 1;
    }
    assert_eq!(checked, 16_384);
}
