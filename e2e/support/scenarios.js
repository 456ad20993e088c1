// Answer sets shared by the journeys, accessibility and screenshot specs.
// Each names only the answers that matter; the journey driver answers every
// other question with its least severe option (code 0). None carries an
// expected level: the level is always taken from `carestep score`.

const PHQ9_ITEMS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
/** phq9.1–9 all set to `value`. */
export const phq9All = (value) => Object.fromEntries(PHQ9_ITEMS.map((n) => [`phq9.${n}`, value]));

/** One answer set per level the default deployment can reach (without the crisis ones). */
export const BY_LEVEL = {
  self_care: {},
  outpatient: { 'phq9.1': 2, 'phq9.2': 2, 'phq9.3': 2, 'phq9.4': 2, 'phq9.5': 2, 'phq9.10': 1 },
  iop: { ...phq9All(2), 'phq9.9': 0, 'phq9.10': 2, 'gad7.1': 2 },
  php: { ...phq9All(3), 'phq9.9': 0, 'phq9.10': 3 },
  inpatient: { 'ctx.withdrawal': 2 },
  out_of_scope: { 'ctx.adult': 1 },
  crisis_now: { 'ctx.emergency': 1 },
};
