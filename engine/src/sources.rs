//! The publications and guidance documents the model rests on: each band
//! cut-off (`scores.rs`, [`crate::scores::bands`]) and each rule's basis
//! (`rules.rs`, [`crate::RuleId::basis`]) points at one of these. The
//! methodology page (`docs/methodology.md`, [`crate::methodology`]) lists
//! them in its "Sources" section.

use serde::Serialize;

/// A publication or guidance document, in short form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Source {
    /// A stable key, used as the page's anchor (`source-<key>`).
    pub key: &'static str,
    /// Authors, or the issuing body.
    pub authors: &'static str,
    /// Year of publication; `None` for a living web document.
    pub year: Option<u16>,
    /// The title, shortened.
    pub title: &'static str,
    /// Journal, volume and pages, or publisher and document number.
    pub published: &'static str,
}

impl Source {
    /// "Kroenke, Spitzer & Williams 2001": authors and year; for a document
    /// without a year, its authors and title. Unique among [`ALL`].
    pub fn short(&self) -> String {
        match self.year {
            Some(y) => format!("{} {y}", self.authors),
            None => format!("{}, {}", self.authors, self.title),
        }
    }

    /// The full one-line reference.
    pub fn full(&self) -> String {
        let end = if self.title.ends_with(['?', '.']) {
            ""
        } else {
            "."
        };
        match self.year {
            Some(_) => format!("{}. {}{end} {}.", self.short(), self.title, self.published),
            None => format!("{}{end} {}.", self.short(), self.published),
        }
    }
}

macro_rules! sources {
    ($( $name:ident = ($key:literal, $authors:literal, $year:expr, $title:literal, $published:literal); )*) => {
        $( pub const $name: Source = Source {
            key: $key, authors: $authors, year: $year, title: $title, published: $published,
        }; )*
        /// Every source, in the order the page lists them.
        pub const ALL: &[Source] = &[$($name,)*];
    };
}

sources! {
    KROENKE_2001 = ("kroenke-2001", "Kroenke, Spitzer & Williams", Some(2001),
        "The PHQ-9: validity of a brief depression severity measure", "J Gen Intern Med 16:606–613");
    KROENKE_SPITZER_2002 = ("kroenke-spitzer-2002", "Kroenke & Spitzer", Some(2002),
        "The PHQ-9: a new depression diagnostic and severity measure", "Psychiatric Annals 32:509–521");
    KROENKE_2003 = ("kroenke-2003", "Kroenke, Spitzer & Williams", Some(2003),
        "The Patient Health Questionnaire-2", "Med Care 41:1284–1292");
    SIMON_2013 = ("simon-2013", "Simon et al.", Some(2013),
        "Does response on the PHQ-9 depression questionnaire predict subsequent suicide attempt or suicide death?", "Psychiatr Serv 64:1195–1202");
    SPITZER_2006 = ("spitzer-2006", "Spitzer, Kroenke, Williams & Löwe", Some(2006),
        "A brief measure for assessing generalized anxiety disorder: the GAD-7", "Arch Intern Med 166:1092–1097");
    KROENKE_2007 = ("kroenke-2007", "Kroenke et al.", Some(2007),
        "Anxiety disorders in primary care", "Ann Intern Med 146:317–325");
    KESSLER_2003 = ("kessler-2003", "Kessler et al.", Some(2003),
        "Screening for serious mental illness in the general population", "Arch Gen Psychiatry 60:184–189");
    PROCHASKA_2012 = ("prochaska-2012", "Prochaska et al.", Some(2012),
        "Validity study of the K6 scale as a measure of moderate mental distress", "Int J Methods Psychiatr Res 21:88–97");
    PRINS_2016 = ("prins-2016", "Prins et al.", Some(2016),
        "The Primary Care PTSD Screen for DSM-5 (PC-PTSD-5)", "J Gen Intern Med 31:1206–1211");
    BOVIN_2021 = ("bovin-2021", "Bovin et al.", Some(2021),
        "Diagnostic accuracy and acceptability of the PC-PTSD-5 in veterans", "JAMA Netw Open 4:e2036733");
    HIRSCHFELD_2000 = ("hirschfeld-2000", "Hirschfeld et al.", Some(2000),
        "Development and validation of a screening instrument for bipolar spectrum disorder: the Mood Disorder Questionnaire", "Am J Psychiatry 157:1873–1875");
    BABOR_2001 = ("babor-2001", "Babor, Higgins-Biddle, Saunders & Monteiro", Some(2001),
        "AUDIT: Guidelines for Use in Primary Care, 2nd ed.", "World Health Organization, WHO/MSD/MSB/01.6a");
    BUSH_1998 = ("bush-1998", "Bush et al.", Some(1998),
        "The AUDIT alcohol consumption questions (AUDIT-C)", "Arch Intern Med 158:1789–1795");
    BRADLEY_2003 = ("bradley-2003", "Bradley et al.", Some(2003),
        "Two brief alcohol-screening tests from the AUDIT in female patients", "Arch Intern Med 163:821–829");
    VA_AUDITC = ("va-auditc", "U.S. Department of Veterans Affairs, QUERI", None,
        "AUDIT-C frequently asked questions (scores of 8 and above as high risk)", "VA QUERI, archived web page");
    SMITH_2010 = ("smith-2010", "Smith, Schmidt, Allensworth-Davies & Saitz", Some(2010),
        "A single-question screening test for drug use in primary care", "Arch Intern Med 170:1155–1160");
    SKINNER_1982 = ("skinner-1982", "Skinner", Some(1982),
        "The Drug Abuse Screening Test", "Addict Behav 7:363–371; interpretation levels from the DAST-10 guide (CAMH)");
    POSNER_2011 = ("posner-2011", "Posner et al.", Some(2011),
        "The Columbia–Suicide Severity Rating Scale", "Am J Psychiatry 168:1266–1277");
    COLUMBIA_TRIAGE = ("columbia-triage", "Columbia Lighthouse Project", None,
        "Clinical Triage and Workflow Guidelines for the C-SSRS", "cssrs.columbia.edu");
    NIMH_ASQ = ("nimh-asq", "National Institute of Mental Health", None,
        "Ask Suicide-Screening Questions (ASQ) toolkit: scoring and next steps", "nimh.nih.gov, ASQ toolkit materials");
    HOROWITZ_2020 = ("horowitz-2020", "Horowitz et al.", Some(2020),
        "Validation of the ASQ for adult medical inpatients", "Psychosomatics 61:713–722");
    MUNDT_2002 = ("mundt-2002", "Mundt, Marks, Shear & Greist", Some(2002),
        "The Work and Social Adjustment Scale: a simple measure of impairment in functioning", "Br J Psychiatry 180:461–464");
    ASAM_2020 = ("asam-2020", "American Society of Addiction Medicine", Some(2020),
        "Clinical Practice Guideline on Alcohol Withdrawal Management", "J Addict Med 14(3S):1–72");
    CMS_INPATIENT_LCD = ("cms-inpatient-lcd", "Centers for Medicare & Medicaid Services", None,
        "Local Coverage Determinations for inpatient psychiatric services (L33975, L34570)", "Medicare Coverage Database");
    CMS_PHP = ("cms-php", "Centers for Medicare & Medicaid Services", None,
        "Partial hospitalization services (42 CFR 410.43) and its contractors' patient criteria", "Code of Federal Regulations; Noridian; LCD L34196");
    CMS_IOP_2024 = ("cms-iop-2024", "Centers for Medicare & Medicaid Services", Some(2023),
        "CY 2024 OPPS final rule: intensive outpatient program benefit (at least 9 hours a week)", "CMS-1786-FC");
    CT_BHP = ("ct-bhp", "Connecticut Behavioral Health Partnership", None,
        "Intermediate care guidelines: PHP and IOP as step-down from, or diversion from, inpatient care", "Connecticut BHP");
    CHUNG_2017 = ("chung-2017", "Chung et al.", Some(2017),
        "Suicide rates after discharge from psychiatric facilities: a systematic review and meta-analysis", "JAMA Psychiatry 74:694–702");
    CHUNG_2019 = ("chung-2019", "Chung et al.", Some(2019),
        "Meta-analysis of suicide rates in the first week and the first month after psychiatric hospitalisation", "BMJ Open 9:e023883");
    APA_2003 = ("apa-2003", "American Psychiatric Association", Some(2003),
        "Practice Guideline for the Assessment and Treatment of Patients With Suicidal Behaviors", "American Psychiatric Association");
    LOCUS = ("locus", "American Association for Community Psychiatry", Some(2016),
        "Level of Care Utilization System (LOCUS), adult version 20 (structure only: its dimensions and levels)", "AACP");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_anchor_safe() {
        let mut keys: Vec<_> = ALL.iter().map(|s| s.key).collect();
        assert!(keys.iter().all(|k| k
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')));
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len());
        // Short forms name one source each, and none contains another (the
        // Markdown links each one).
        for a in ALL {
            for b in ALL {
                if a != b {
                    assert!(!a.short().contains(&b.short()), "{} / {}", a.key, b.key);
                }
            }
        }
    }
}
