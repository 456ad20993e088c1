//! Identifiers: every item of the questionnaire ([`ItemId`]) and the modules
//! a deployment can switch on or off ([`Module`], [`ModuleSet`]), and the
//! items of each instrument (the lists scoring, rules and skip logic share;
//! they live here so the questionnaire does not depend on the scoring).
//!
//! The string forms (`"phq9.1"`, `"suicide_asq"`) are the ones used in the
//! JSON input and output (`carestep score`) and in the clinic configuration;
//! each table below is written once and drives `as_str`, `parse` and `ALL`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Defines an enum together with its string table (its JSON names), so the two
/// can never drift apart: `ALL` (every value, in declaration order), `COUNT`,
/// `as_str`, `parse`, `Display`, and serde's `Serialize`/`Deserialize` as the
/// JSON name. Used for the ids here and for the rules' vocabulary
/// ([`crate::Level`], [`crate::RuleId`], [`crate::ScoreKind`], [`crate::Flag`]).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $s:literal, )* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $( $(#[$vmeta])* $variant, )* }

        impl $name {
            /// How many values there are.
            pub const COUNT: usize = [$($s,)*].len();

            /// Every value, in declaration order.
            pub const ALL: [$name; Self::COUNT] = [$($name::$variant,)*];

            /// The JSON name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s,)* }
            }

            /// The value for a JSON name; `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$variant),)* _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        concat!("unknown ", stringify!($name), " {:?}"),
                        s
                    ))
                })
            }
        }
    };
}

pub(crate) use string_enum;

string_enum! {
    /// One question of the questionnaire. Declaration order is the
    /// administration order (with `ctx.attempt_3m` right after `asq.4`), so `ItemId::ALL` and
    /// [`crate::questionnaire()`] list the items in the same order.
    pub enum ItemId {
        CtxAdult => "ctx.adult",
        CtxEmergency => "ctx.emergency",
        Phq9_1 => "phq9.1",
        Phq9_2 => "phq9.2",
        Phq9_3 => "phq9.3",
        Phq9_4 => "phq9.4",
        Phq9_5 => "phq9.5",
        Phq9_6 => "phq9.6",
        Phq9_7 => "phq9.7",
        Phq9_8 => "phq9.8",
        Phq9_9 => "phq9.9",
        Phq9_10 => "phq9.10",
        Gad7_1 => "gad7.1",
        Gad7_2 => "gad7.2",
        Gad7_3 => "gad7.3",
        Gad7_4 => "gad7.4",
        Gad7_5 => "gad7.5",
        Gad7_6 => "gad7.6",
        Gad7_7 => "gad7.7",
        K6_1 => "k6.1",
        K6_2 => "k6.2",
        K6_3 => "k6.3",
        K6_4 => "k6.4",
        K6_5 => "k6.5",
        K6_6 => "k6.6",
        Asq1 => "asq.1",
        Asq2 => "asq.2",
        Asq3 => "asq.3",
        Asq4 => "asq.4",
        CtxAttempt3m => "ctx.attempt_3m",
        Asq5 => "asq.5",
        Cssrs1 => "cssrs.1",
        Cssrs2 => "cssrs.2",
        Cssrs3 => "cssrs.3",
        Cssrs4 => "cssrs.4",
        Cssrs5 => "cssrs.5",
        Cssrs6 => "cssrs.6",
        Cssrs6b => "cssrs.6b",
        Pcptsd5_0 => "pcptsd5.0",
        Pcptsd5_1 => "pcptsd5.1",
        Pcptsd5_2 => "pcptsd5.2",
        Pcptsd5_3 => "pcptsd5.3",
        Pcptsd5_4 => "pcptsd5.4",
        Pcptsd5_5 => "pcptsd5.5",
        Mdq1a => "mdq.1a",
        Mdq1b => "mdq.1b",
        Mdq1c => "mdq.1c",
        Mdq1d => "mdq.1d",
        Mdq1e => "mdq.1e",
        Mdq1f => "mdq.1f",
        Mdq1g => "mdq.1g",
        Mdq1h => "mdq.1h",
        Mdq1i => "mdq.1i",
        Mdq1j => "mdq.1j",
        Mdq1k => "mdq.1k",
        Mdq1l => "mdq.1l",
        Mdq1m => "mdq.1m",
        Mdq2 => "mdq.2",
        Mdq3 => "mdq.3",
        Audit1 => "audit.1",
        Audit2 => "audit.2",
        Audit3 => "audit.3",
        Audit4 => "audit.4",
        Audit5 => "audit.5",
        Audit6 => "audit.6",
        Audit7 => "audit.7",
        Audit8 => "audit.8",
        Audit9 => "audit.9",
        Audit10 => "audit.10",
        NidaSq1 => "nida_sq.1",
        Dast10_1 => "dast10.1",
        Dast10_2 => "dast10.2",
        Dast10_3 => "dast10.3",
        Dast10_4 => "dast10.4",
        Dast10_5 => "dast10.5",
        Dast10_6 => "dast10.6",
        Dast10_7 => "dast10.7",
        Dast10_8 => "dast10.8",
        Dast10_9 => "dast10.9",
        Dast10_10 => "dast10.10",
        Wsas1 => "wsas.1",
        Wsas2 => "wsas.2",
        Wsas3 => "wsas.3",
        Wsas4 => "wsas.4",
        Wsas5 => "wsas.5",
        CtxHarmOthers => "ctx.harm_others",
        CtxSelfcare => "ctx.selfcare",
        CtxHomeSafe => "ctx.home_safe",
        CtxSupport => "ctx.support",
        CtxRecentAcute => "ctx.recent_acute",
        CtxTxStatus => "ctx.tx_status",
        CtxWithdrawal => "ctx.withdrawal",
        CtxPsychosis => "ctx.psychosis",
        CtxMania => "ctx.mania",
        CtxAttend => "ctx.attend",
        CtxSex => "ctx.sex",
    }
}

impl ItemId {
    /// Position in administration order (also the index into
    /// [`crate::questionnaire()`]).
    pub fn index(self) -> usize {
        self as usize
    }
}

string_enum! {
    /// A group of items a deployment switches on or off
    /// (`docs/methodology.md#instruments`). `Gate` and `Context` are always on.
    pub enum Module {
        Gate => "gate",
        Depression => "depression",
        Anxiety => "anxiety",
        SuicideAsq => "suicide_asq",
        SuicideCssrs => "suicide_cssrs",
        Trauma => "trauma",
        Alcohol => "alcohol",
        AlcoholFull => "alcohol_full",
        Drugs => "drugs",
        Dast10 => "dast10",
        Bipolar => "bipolar",
        Functioning => "functioning",
        Distress => "distress",
        Context => "context",
    }
}

impl Module {
    /// Whether the instrument needs the rights holder's written permission
    /// for a commercial widget (`docs/methodology.md#instruments`).
    pub fn is_licensed(self) -> bool {
        self.rights_holder().is_some()
    }

    /// Whether the module is part of the permission-free default deployment
    /// (`docs/methodology.md#about`).
    pub fn on_by_default(self) -> bool {
        matches!(
            self,
            Module::Gate
                | Module::Depression
                | Module::Anxiety
                | Module::SuicideAsq
                | Module::Trauma
                | Module::Alcohol
                | Module::Drugs
                | Module::Context
        )
    }

    /// Why a module is off in the default deployment, in words; `None`
    /// for the modules that are on by default.
    pub fn why_off_by_default(self) -> Option<&'static str> {
        if self.on_by_default() {
            None
        } else if self.is_licensed() {
            Some("its rights holder's written permission is needed to use it in a commercial widget; a clinic switches it on only by stating in its configuration that it holds that permission")
        } else {
            Some("free to use, but optional: it adds questions, and the default questions already cover what it measures")
        }
    }

    /// What replaces a module that is off by default, in the default
    /// deployment; `None` when nothing does.
    pub fn default_replacement(self) -> Option<&'static str> {
        match self {
            Module::SuicideCssrs => Some("the ASQ, with the follow-up question ctx.attempt_3m (rule C6 gives the 3-month suicidal-behaviour rule that C3 gives with the C-SSRS)"),
            Module::AlcoholFull => Some("AUDIT-C (items 1–3), with the AUDIT_C_ONLY cut-offs"),
            Module::Dast10 => Some("the single-question drug screen and ctx.withdrawal"),
            Module::Bipolar => Some("the current-mania question ctx.mania"),
            Module::Functioning => Some("PHQ-9 item 10 (how difficult the problems have made things)"),
            _ => None,
        }
    }

    /// Who grants permission for a licensed module (`None` for modules that
    /// need no permission).
    pub fn rights_holder(self) -> Option<&'static str> {
        match self {
            Module::SuicideCssrs => Some(
                "The Research Foundation for Mental Hygiene, Inc. (Columbia Lighthouse Project)",
            ),
            Module::AlcoholFull => Some("World Health Organization"),
            Module::Dast10 => Some(
                "Harvey A. Skinner and the Centre for Addiction and Mental Health (CAMH), Toronto",
            ),
            Module::Bipolar => Some("Robert M. A. Hirschfeld, MD"),
            Module::Functioning => Some("Isaac M. Marks"),
            _ => None,
        }
    }

    /// A short human title, e.g. "Depression (PHQ-9)".
    pub fn title(self) -> &'static str {
        match self {
            Module::Gate => "Eligibility and emergency check",
            Module::Depression => "Depression (PHQ-9)",
            Module::Anxiety => "Anxiety (GAD-7)",
            Module::SuicideAsq => "Suicide risk (ASQ)",
            Module::SuicideCssrs => "Suicide risk (C-SSRS screener)",
            Module::Trauma => "Trauma (PC-PTSD-5)",
            Module::Alcohol => "Alcohol (AUDIT-C)",
            Module::AlcoholFull => "Alcohol (full AUDIT)",
            Module::Drugs => "Drugs (single question)",
            Module::Dast10 => "Drugs (DAST-10)",
            Module::Bipolar => "Bipolar (MDQ)",
            Module::Functioning => "Functioning (WSAS)",
            Module::Distress => "Distress (K6)",
            Module::Context => "About you (context questions)",
        }
    }

    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// The modules a deployment asks. `Gate` and `Context` are always contained.
///
/// When `SuicideCssrs` is on, the C-SSRS replaces the ASQ: the ASQ items and
/// `ctx.attempt_3m` are not asked even if `SuicideAsq` is also in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ModuleSet(u16);

impl ModuleSet {
    const ALWAYS: u16 = (1 << Module::Gate as u16) | (1 << Module::Context as u16);

    /// The permission-free default deployment (`docs/methodology.md#about`).
    pub fn default_deployment() -> Self {
        Module::ALL
            .iter()
            .filter(|m| m.on_by_default())
            .fold(ModuleSet(Self::ALWAYS), |s, &m| s.with(m))
    }

    /// Every module (the C-SSRS then replaces the ASQ).
    pub fn all() -> Self {
        Module::ALL
            .iter()
            .fold(ModuleSet(Self::ALWAYS), |s, &m| s.with(m))
    }

    /// Only the modules that are always on (gate and context).
    pub fn minimal() -> Self {
        ModuleSet(Self::ALWAYS)
    }

    pub fn contains(&self, m: Module) -> bool {
        self.0 & m.bit() != 0
    }

    /// The set as bits, one per module (`1 << (m as u16)`), for tables keyed by module set
    /// (the prebuilt methodology page).
    pub fn bits(&self) -> u16 {
        self.0
    }

    pub fn with(self, m: Module) -> Self {
        ModuleSet(self.0 | m.bit())
    }

    /// Removes a module; gate and context cannot be removed.
    pub fn without(self, m: Module) -> Self {
        ModuleSet((self.0 & !m.bit()) | Self::ALWAYS)
    }

    /// The contained modules, in `Module::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = Module> + '_ {
        Module::ALL.iter().copied().filter(|&m| self.contains(m))
    }
}

impl Default for ModuleSet {
    fn default() -> Self {
        ModuleSet::default_deployment()
    }
}

impl Serialize for ModuleSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

// ---------------------------------------------------------------------------
// Item groups
// ---------------------------------------------------------------------------

// The items of each instrument (or of its scored part), in administration
// order. Scoring, the rules and the skip logic all use these lists, so they
// live here, below every module that reads them.

pub(crate) const PHQ9_ITEMS: [ItemId; 9] = [
    ItemId::Phq9_1,
    ItemId::Phq9_2,
    ItemId::Phq9_3,
    ItemId::Phq9_4,
    ItemId::Phq9_5,
    ItemId::Phq9_6,
    ItemId::Phq9_7,
    ItemId::Phq9_8,
    ItemId::Phq9_9,
];
pub(crate) const GAD7_ITEMS: [ItemId; 7] = [
    ItemId::Gad7_1,
    ItemId::Gad7_2,
    ItemId::Gad7_3,
    ItemId::Gad7_4,
    ItemId::Gad7_5,
    ItemId::Gad7_6,
    ItemId::Gad7_7,
];
pub(crate) const K6_ITEMS: [ItemId; 6] = [
    ItemId::K6_1,
    ItemId::K6_2,
    ItemId::K6_3,
    ItemId::K6_4,
    ItemId::K6_5,
    ItemId::K6_6,
];
pub(crate) const ASQ_ITEMS: [ItemId; 5] = [
    ItemId::Asq1,
    ItemId::Asq2,
    ItemId::Asq3,
    ItemId::Asq4,
    ItemId::Asq5,
];
pub(crate) const CSSRS_ITEMS: [ItemId; 7] = [
    ItemId::Cssrs1,
    ItemId::Cssrs2,
    ItemId::Cssrs3,
    ItemId::Cssrs4,
    ItemId::Cssrs5,
    ItemId::Cssrs6,
    ItemId::Cssrs6b,
];
pub(crate) const PCPTSD5_SYMPTOMS: [ItemId; 5] = [
    ItemId::Pcptsd5_1,
    ItemId::Pcptsd5_2,
    ItemId::Pcptsd5_3,
    ItemId::Pcptsd5_4,
    ItemId::Pcptsd5_5,
];
pub(crate) const MDQ1_ITEMS: [ItemId; 13] = [
    ItemId::Mdq1a,
    ItemId::Mdq1b,
    ItemId::Mdq1c,
    ItemId::Mdq1d,
    ItemId::Mdq1e,
    ItemId::Mdq1f,
    ItemId::Mdq1g,
    ItemId::Mdq1h,
    ItemId::Mdq1i,
    ItemId::Mdq1j,
    ItemId::Mdq1k,
    ItemId::Mdq1l,
    ItemId::Mdq1m,
];
pub(crate) const AUDITC_ITEMS: [ItemId; 3] = [ItemId::Audit1, ItemId::Audit2, ItemId::Audit3];
pub(crate) const AUDIT_FULL_ITEMS: [ItemId; 7] = [
    ItemId::Audit4,
    ItemId::Audit5,
    ItemId::Audit6,
    ItemId::Audit7,
    ItemId::Audit8,
    ItemId::Audit9,
    ItemId::Audit10,
];
pub(crate) const DAST10_ITEMS: [ItemId; 10] = [
    ItemId::Dast10_1,
    ItemId::Dast10_2,
    ItemId::Dast10_3,
    ItemId::Dast10_4,
    ItemId::Dast10_5,
    ItemId::Dast10_6,
    ItemId::Dast10_7,
    ItemId::Dast10_8,
    ItemId::Dast10_9,
    ItemId::Dast10_10,
];
pub(crate) const WSAS_ITEMS: [ItemId; 5] = [
    ItemId::Wsas1,
    ItemId::Wsas2,
    ItemId::Wsas3,
    ItemId::Wsas4,
    ItemId::Wsas5,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_round_trip_and_are_unique() {
        for (i, &id) in ItemId::ALL.iter().enumerate() {
            assert_eq!(ItemId::parse(id.as_str()), Some(id));
            assert_eq!(id.index(), i);
        }
        let mut names: Vec<_> = ItemId::ALL.iter().map(|i| i.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ItemId::COUNT);
        assert_eq!(ItemId::parse("phq9.11"), None);
    }

    #[test]
    fn module_sets() {
        let d = ModuleSet::default_deployment();
        let on: Vec<_> = d.iter().map(Module::as_str).collect();
        assert_eq!(
            on,
            [
                "gate",
                "depression",
                "anxiety",
                "suicide_asq",
                "trauma",
                "alcohol",
                "drugs",
                "context"
            ]
        );
        assert!(d.without(Module::Gate).contains(Module::Gate));
        assert!(d.without(Module::Context).contains(Module::Context));
        assert!(!d.without(Module::Anxiety).contains(Module::Anxiety));
        assert!(ModuleSet::all().iter().count() == Module::ALL.len());
        for m in Module::ALL {
            assert_eq!(Module::parse(m.as_str()), Some(m));
            assert_eq!(m.is_licensed(), m.rights_holder().is_some());
            // No licensed module is on by default.
            assert!(!(m.is_licensed() && m.on_by_default()));
        }
    }
}
