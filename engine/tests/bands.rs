//! Boundary tests: every band of every instrument on both sides of each
//! cut-off, and every rule threshold on both sides, through `assess` and
//! the `carestep score` JSON. The expected band names and thresholds are written out
//! here by hand from the published cut-offs (`docs/methodology.md` lists
//! them with their sources), not taken from the engine.

use carestep_engine::{assess, Answers, ItemId, Response};
use serde_json::{json, Value};

use ItemId::*;

fn answers(pairs: &[(ItemId, u64)]) -> Answers {
    let mut a = Answers::new();
    for &(id, v) in pairs {
        a.set(id, Response::Value(v))
            .unwrap_or_else(|e| panic!("test builds an invalid answer: {e}"));
    }
    a
}

fn result(pairs: &[(ItemId, u64)]) -> Value {
    serde_json::to_value(assess(&answers(pairs))).unwrap()
}

/// Spreads `total` over the items, each taking at most `max`.
fn spread(items: &[ItemId], max: u64, total: u64) -> Vec<(ItemId, u64)> {
    assert!(total <= max * items.len() as u64, "total {total} too large");
    let mut left = total;
    items
        .iter()
        .map(|&id| {
            let v = left.min(max);
            left -= v;
            (id, v)
        })
        .collect()
}

const PHQ9: [ItemId; 9] = [
    Phq9_1, Phq9_2, Phq9_3, Phq9_4, Phq9_5, Phq9_6, Phq9_7, Phq9_8, Phq9_9,
];
const GAD7: [ItemId; 7] = [Gad7_1, Gad7_2, Gad7_3, Gad7_4, Gad7_5, Gad7_6, Gad7_7];
const K6: [ItemId; 6] = [K6_1, K6_2, K6_3, K6_4, K6_5, K6_6];
const WSAS: [ItemId; 5] = [Wsas1, Wsas2, Wsas3, Wsas4, Wsas5];
const PTSD: [ItemId; 5] = [Pcptsd5_1, Pcptsd5_2, Pcptsd5_3, Pcptsd5_4, Pcptsd5_5];
const AUDIT1_8: [ItemId; 8] = [
    Audit1, Audit2, Audit3, Audit4, Audit5, Audit6, Audit7, Audit8,
];
const MDQ1: [ItemId; 13] = [
    Mdq1a, Mdq1b, Mdq1c, Mdq1d, Mdq1e, Mdq1f, Mdq1g, Mdq1h, Mdq1i, Mdq1j, Mdq1k, Mdq1l, Mdq1m,
];
/// DAST-10 items other than the reversed item 3.
const DAST_FORWARD: [ItemId; 9] = [
    Dast10_1, Dast10_2, Dast10_4, Dast10_5, Dast10_6, Dast10_7, Dast10_8, Dast10_9, Dast10_10,
];

fn check_totals(
    name: &str,
    key: &str,
    table: &[(u64, &str)],
    build: impl Fn(u64) -> Vec<(ItemId, u64)>,
) {
    for &(total, band) in table {
        let r = result(&build(total));
        let s = &r["scores"][key];
        assert_eq!(s["total"], json!(total), "{name} total {total}: {s}");
        assert_eq!(s["band"], json!(band), "{name} total {total}: {s}");
    }
}

#[test]
fn phq9_bands() {
    let table = [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ];
    check_totals("PHQ-9", "phq9", &table, |t| spread(&PHQ9, 3, t));
    let r = result(&spread(&PHQ9, 3, 10));
    assert_eq!(r["scores"]["phq9"]["complete"], json!(true));
}

#[test]
fn phq2_and_gad2_bands() {
    for (first, second, key) in [(Phq9_1, Phq9_2, "phq2"), (Gad7_1, Gad7_2, "gad2")] {
        for (a, b, total, band) in [
            (0, 0, 0, "negative"),
            (1, 1, 2, "negative"),
            (3, 0, 3, "positive"),
            (2, 1, 3, "positive"),
            (3, 3, 6, "positive"),
        ] {
            let r = result(&[(first, a), (second, b)]);
            assert_eq!(
                r["scores"][key],
                json!({"total": total, "band": band}),
                "{key} {a}+{b}"
            );
        }
    }
}

#[test]
fn gad7_bands() {
    let table = [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ];
    check_totals("GAD-7", "gad7", &table, |t| spread(&GAD7, 3, t));
}

#[test]
fn k6_bands() {
    let table = [
        (0, "low"),
        (4, "low"),
        (5, "moderate_distress"),
        (12, "moderate_distress"),
        (13, "serious_psychological_distress"),
        (24, "serious_psychological_distress"),
    ];
    check_totals("K6", "k6", &table, |t| spread(&K6, 4, t));
}

#[test]
fn wsas_bands() {
    let table = [
        (0, "subclinical"),
        (9, "subclinical"),
        (10, "significant_impairment"),
        (20, "significant_impairment"),
        (21, "moderately_severe_or_worse"),
        (40, "moderately_severe_or_worse"),
    ];
    check_totals("WSAS", "wsas", &table, |t| spread(&WSAS, 8, t));
}

#[test]
fn pcptsd5_bands() {
    let table = [
        (0, "negative"),
        (2, "negative"),
        (3, "possible"),
        (4, "positive"),
        (5, "positive"),
    ];
    check_totals("PC-PTSD-5", "pcptsd5", &table, |t| {
        let mut v = vec![(Pcptsd5_0, 1)];
        v.extend(spread(&PTSD, 1, t));
        v
    });
    // No trauma: total 0 even with the screen question alone.
    let r = result(&[(Pcptsd5_0, 0)]);
    assert_eq!(
        r["scores"]["pcptsd5"],
        json!({"total": 0, "band": "negative"})
    );
}

#[test]
fn auditc_bands_by_sex() {
    // (ctx.sex, total, band): male positive at ≥ 4; female, other and
    // unspecified positive at ≥ 3.
    let table: [(Option<u64>, u64, &str); 10] = [
        (Some(0), 0, "negative"),
        (Some(0), 3, "negative"),
        (Some(0), 4, "positive"),
        (Some(0), 12, "positive"),
        (Some(1), 2, "negative"),
        (Some(1), 3, "positive"),
        (Some(2), 2, "negative"),
        (Some(2), 3, "positive"),
        (None, 2, "negative"),
        (None, 3, "positive"),
    ];
    for (sex, total, band) in table {
        let mut pairs = spread(&[Audit1, Audit2, Audit3], 4, total);
        if let Some(s) = sex {
            pairs.push((CtxSex, s));
        }
        let r = result(&pairs);
        assert_eq!(
            r["scores"]["auditc"],
            json!({"total": total, "band": band}),
            "sex {sex:?} total {total}"
        );
        assert!(
            r["scores"].get("audit").is_none(),
            "AUDIT-C only has no audit score"
        );
    }
}

/// Full AUDIT answers with a given total: items 1–8 take any 0–4, items
/// 9–10 only 0, 2 or 4.
fn audit_full(total: u64) -> Vec<(ItemId, u64)> {
    let first = total.min(32);
    let mut v = spread(&AUDIT1_8, 4, first);
    let rest = total - first;
    assert!(rest % 2 == 0);
    v.extend(spread(&[Audit9, Audit10], 4, rest));
    v
}

#[test]
fn audit_zones() {
    let table = [
        (0, "zone_I"),
        (7, "zone_I"),
        (8, "zone_II"),
        (15, "zone_II"),
        (16, "zone_III"),
        (19, "zone_III"),
        (20, "zone_IV"),
        (40, "zone_IV"),
    ];
    check_totals("AUDIT", "audit", &table, audit_full);
}

#[test]
fn dast10_bands_and_reversed_item_3() {
    let table = [
        (0, "none"),
        (1, "low"),
        (2, "low"),
        (3, "moderate"),
        (5, "moderate"),
        (6, "substantial"),
        (8, "substantial"),
        (9, "severe"),
        (10, "severe"),
    ];
    check_totals("DAST-10", "dast10", &table, |t| {
        // Item 3 "yes" (able to stop) scores 0; "no" scores the 10th point.
        let mut v = spread(&DAST_FORWARD, 1, t.min(9));
        v.push((Dast10_3, if t == 10 { 0 } else { 1 }));
        v
    });
    let r = result(&[(Dast10_3, 0)]);
    assert_eq!(r["scores"]["dast10"], json!({"total": 1, "band": "low"}));
    let r = result(&[(Dast10_3, 1)]);
    assert_eq!(r["scores"]["dast10"], json!({"total": 0, "band": "none"}));
}

#[test]
fn nida_single_question() {
    for (count, band) in [
        (0, "negative"),
        (1, "positive"),
        (365, "positive"),
        (u64::MAX, "positive"),
    ] {
        let r = result(&[(NidaSq1, count)]);
        assert_eq!(
            r["scores"]["nida_sq"],
            json!({"band": band}),
            "count {count}"
        );
    }
}

/// An instrument is asked when any of its items is present, including items
/// outside its total (phq9.10, the difficulty question, methodology.md#instruments): PHQ-9 and
/// GAD-7 with more than one item missing are reported `{"complete": false}`.
#[test]
fn a_single_item_means_the_instrument_was_asked() {
    let cases: [(ItemId, Response, Value); 4] = [
        (
            Phq9_10,
            Response::Value(3),
            json!({"phq9": {"complete": false}}),
        ),
        (
            Phq9_10,
            Response::Declined,
            json!({"phq9": {"complete": false}}),
        ),
        (
            Gad7_7,
            Response::Value(0),
            json!({"gad7": {"complete": false}}),
        ),
        (
            Gad7_1,
            Response::Declined,
            json!({"gad7": {"complete": false}}),
        ),
    ];
    for (id, r, scores) in cases {
        let mut a = Answers::new();
        a.set(id, r).unwrap();
        let out = serde_json::to_value(assess(&a)).unwrap();
        assert_eq!(out["scores"], scores, "{id} = {r:?}");
        assert_eq!(out["rules_fired"], json!([]), "{id} = {r:?}");
    }
}

#[test]
fn mdq_screen() {
    // (yes count, item 2, item 3, band)
    for (yes, q2, q3, band) in [
        (6, 1, 3, "negative"),
        (7, 1, 2, "positive"),
        (7, 1, 1, "negative"),
        (7, 0, 3, "negative"),
        (13, 1, 3, "positive"),
        (0, 0, 0, "negative"),
    ] {
        let mut pairs = spread(&MDQ1, 1, yes);
        pairs.push((Mdq2, q2));
        pairs.push((Mdq3, q3));
        let r = result(&pairs);
        assert_eq!(
            r["scores"]["mdq"],
            json!({"item1_yes_count": yes, "band": band}),
            "{yes} yes, item2 {q2}, item3 {q3}"
        );
    }
}

#[test]
fn asq_bands() {
    let cases: [(&[(ItemId, u64)], &str); 6] = [
        (&[(Asq1, 0), (Asq2, 0), (Asq3, 0), (Asq4, 0)], "negative"),
        (
            &[(Asq1, 1), (Asq2, 0), (Asq3, 0), (Asq4, 0), (Asq5, 0)],
            "non_acute_positive",
        ),
        (
            &[
                (Asq1, 0),
                (Asq2, 0),
                (Asq3, 0),
                (Asq4, 1),
                (CtxAttempt3m, 0),
                (Asq5, 0),
            ],
            "non_acute_positive",
        ),
        (
            &[(Asq1, 0), (Asq2, 0), (Asq3, 1), (Asq4, 0), (Asq5, 1)],
            "acute_positive",
        ),
        (
            &[(Asq1, 1), (Asq2, 1), (Asq3, 1), (Asq4, 1), (Asq5, 1)],
            "acute_positive",
        ),
        (&[(Asq2, 1)], "non_acute_positive"),
    ];
    for (pairs, band) in cases {
        let r = result(pairs);
        assert_eq!(r["scores"]["asq"], json!({"band": band}), "{pairs:?}");
    }
}

#[test]
fn cssrs_tiers() {
    let cases: [(&[(ItemId, u64)], &str); 9] = [
        (&[(Cssrs1, 0), (Cssrs2, 0), (Cssrs6, 0)], "none"),
        (&[(Cssrs1, 1), (Cssrs2, 0), (Cssrs6, 0)], "low"),
        (
            &[
                (Cssrs1, 0),
                (Cssrs2, 1),
                (Cssrs3, 0),
                (Cssrs4, 0),
                (Cssrs5, 0),
                (Cssrs6, 0),
            ],
            "low",
        ),
        (
            &[
                (Cssrs2, 1),
                (Cssrs3, 1),
                (Cssrs4, 0),
                (Cssrs5, 0),
                (Cssrs6, 0),
            ],
            "moderate",
        ),
        (
            &[(Cssrs1, 0), (Cssrs2, 0), (Cssrs6, 1), (Cssrs6b, 0)],
            "moderate",
        ),
        (&[(Cssrs2, 1), (Cssrs3, 0), (Cssrs4, 1)], "high"),
        (
            &[(Cssrs2, 1), (Cssrs3, 1), (Cssrs4, 0), (Cssrs5, 1)],
            "high",
        ),
        (&[(Cssrs6, 1), (Cssrs6b, 1)], "high"),
        (&[(Cssrs6b, 1)], "none"),
    ];
    for (pairs, band) in cases {
        let r = result(pairs);
        assert_eq!(r["scores"]["cssrs"], json!({"band": band}), "{pairs:?}");
    }
}

/// Rule thresholds on both sides: (description, answers, rules expected).
#[test]
fn rule_thresholds() {
    let with = |mut base: Vec<(ItemId, u64)>, extra: &[(ItemId, u64)]| {
        base.extend_from_slice(extra);
        base
    };
    let c_only = |t| spread(&[Audit1, Audit2, Audit3], 4, t);
    let dast = |t: u64| {
        let mut v = spread(&DAST_FORWARD, 1, t);
        v.push((Dast10_3, 1));
        v
    };
    let ptsd = |t| with(spread(&PTSD, 1, t), &[(Pcptsd5_0, 1)]);
    type Case = (&'static str, Vec<(ItemId, u64)>, Vec<&'static str>);
    let cases: Vec<Case> = vec![
        ("PHQ-9 9", spread(&PHQ9[..8], 3, 9), vec![]),
        ("PHQ-9 10 → O1", spread(&PHQ9[..8], 3, 10), vec!["O1"]),
        (
            "PHQ-9 14 + very difficult",
            with(spread(&PHQ9[..8], 3, 14), &[(Phq9_10, 2)]),
            vec!["O1"],
        ),
        (
            "PHQ-9 15 + very difficult → I1",
            with(spread(&PHQ9[..8], 3, 15), &[(Phq9_10, 2)]),
            vec!["I1", "O1"],
        ),
        (
            "PHQ-9 15 + somewhat difficult",
            with(spread(&PHQ9[..8], 3, 15), &[(Phq9_10, 1)]),
            vec!["O1"],
        ),
        (
            "PHQ-9 15 + extremely difficult → P1",
            with(spread(&PHQ9[..8], 3, 15), &[(Phq9_10, 3)]),
            vec!["P1", "I1", "I2", "O1"],
        ),
        (
            "PHQ-9 9 + extremely difficult",
            with(spread(&PHQ9[..8], 3, 9), &[(Phq9_10, 3)]),
            vec![],
        ),
        ("GAD-7 9", spread(&GAD7, 3, 9), vec![]),
        ("GAD-7 10 → O2", spread(&GAD7, 3, 10), vec!["O2"]),
        (
            "GAD-7 14 + WSAS 10",
            with(spread(&GAD7, 3, 14), &spread(&WSAS, 8, 10)),
            vec!["O2", "O8"],
        ),
        (
            "GAD-7 15 + WSAS 10 → I1",
            with(spread(&GAD7, 3, 15), &spread(&WSAS, 8, 10)),
            vec!["I1", "O2", "O8"],
        ),
        (
            "GAD-7 15 + WSAS 9",
            with(spread(&GAD7, 3, 15), &spread(&WSAS, 8, 9)),
            vec!["O2"],
        ),
        (
            "GAD-7 10 + WSAS 20",
            with(spread(&GAD7, 3, 10), &spread(&WSAS, 8, 20)),
            vec!["O2", "O8"],
        ),
        (
            "GAD-7 10 + WSAS 21 → I2",
            with(spread(&GAD7, 3, 10), &spread(&WSAS, 8, 21)),
            vec!["I2", "O2", "O8"],
        ),
        ("K6 12", spread(&K6, 4, 12), vec![]),
        ("K6 13 → O7", spread(&K6, 4, 13), vec!["O7"]),
        ("WSAS 9", spread(&WSAS, 8, 9), vec![]),
        ("WSAS 10 → O8", spread(&WSAS, 8, 10), vec!["O8"]),
        ("PC-PTSD-5 2", ptsd(2), vec![]),
        ("PC-PTSD-5 3 → O3", ptsd(3), vec!["O3"]),
        ("AUDIT-C only 7", c_only(7), vec![]),
        ("AUDIT-C only 8 → O5", c_only(8), vec!["O5"]),
        ("AUDIT-C only 9", c_only(9), vec!["O5"]),
        ("AUDIT-C only 10 → I7", c_only(10), vec!["I7", "O5"]),
        ("AUDIT 15", audit_full(15), vec![]),
        ("AUDIT 16 → O5", audit_full(16), vec!["O5"]),
        ("AUDIT 19", audit_full(19), vec!["O5"]),
        ("AUDIT 20 → I7", audit_full(20), vec!["I7", "O5"]),
        ("DAST-10 2", dast(2), vec![]),
        ("DAST-10 3 → O6", dast(3), vec!["O6"]),
        ("DAST-10 5", dast(5), vec!["O6"]),
        ("DAST-10 6 → I7", dast(6), vec!["I7", "O6"]),
    ];
    for (name, pairs, rules) in cases {
        let r = result(&pairs);
        assert_eq!(r["rules_fired"], json!(rules), "{name}: {r}");
    }
}
