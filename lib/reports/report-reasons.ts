/** Why a visitor reports an event (the short list on the report form). */
export const REPORT_REASONS = [
  { value: "misleading", label: "Spam or misleading" },
  { value: "wrong-details", label: "Wrong date, time or place" },
  { value: "inappropriate", label: "Inappropriate or offensive" },
  { value: "scam", label: "Scam or fraud" },
  { value: "duplicate", label: "Duplicate listing" },
  { value: "other", label: "Something else" },
] as const;
