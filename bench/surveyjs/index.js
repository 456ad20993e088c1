// The peer form: PHQ-9 (with its difficulty item) and GAD-7 as a clinic would
// build them with SurveyJS — one page per instrument, the standard options,
// item text verbatim from the published forms (as the engine's
// engine/src/questionnaire.rs holds them; docs/methodology.md cites them).
// Rendering follows SurveyJS's "Get Started" guide for plain JavaScript.

const FREQUENCY = [
    { value: 0, text: "Not at all" },
    { value: 1, text: "Several days" },
    { value: 2, text: "More than half the days" },
    { value: 3, text: "Nearly every day" }
];

const DIFFICULTY = [
    { value: 0, text: "Not difficult at all" },
    { value: 1, text: "Somewhat difficult" },
    { value: 2, text: "Very difficult" },
    { value: 3, text: "Extremely difficult" }
];

const PHQ9 = [
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way"
];

const PHQ9_DIFFICULTY =
    "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?";

const GAD7 = [
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen"
];

function items(prefix, texts, choices) {
    return texts.map((title, i) => ({
        type: "radiogroup",
        name: `${prefix}_${i + 1}`,
        title,
        choices
    }));
}

function sumOf(prefix, count) {
    const refs = Array.from({ length: count }, (_, i) => `{${prefix}_${i + 1}}`);
    return `sum(${refs.join(", ")})`;
}

const surveyJson = {
    title: "Mental health self-check",
    pages: [{
        name: "phq9",
        title: "PHQ-9",
        description: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        elements: [
            ...items("phq9", PHQ9, FREQUENCY),
            { type: "radiogroup", name: "phq9_10", title: PHQ9_DIFFICULTY, choices: DIFFICULTY }
        ]
    }, {
        name: "gad7",
        title: "GAD-7",
        description: "Over the last 2 weeks, how often have you been bothered by the following problems?",
        elements: items("gad7", GAD7, FREQUENCY)
    }],
    // The totals are shown on the completion page so that the peer, like
    // CareStep, ends on a scored result rather than a bare "thank you".
    calculatedValues: [
        { name: "phq9_total", expression: sumOf("phq9", 9) },
        { name: "gad7_total", expression: sumOf("gad7", 7) }
    ],
    completedHtml: "<h3>Thank you</h3><p>PHQ-9 total: {phq9_total}</p><p>GAD-7 total: {gad7_total}</p>"
};

const survey = new Survey.Model(surveyJson);

document.addEventListener("DOMContentLoaded", function() {
    survey.render(document.getElementById("surveyContainer"));
});
