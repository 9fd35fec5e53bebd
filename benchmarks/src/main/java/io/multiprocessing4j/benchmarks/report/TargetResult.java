package io.multiprocessing4j.benchmarks.report;

/**
 * A target judged for one row and backend.
 *
 * @param target the goal
 * @param row the row it was judged on
 * @param backend the backend
 * @param ratio the measured ratio, or null when a figure is missing
 * @param status met, missed or not measured
 * @param official whether the issue states this goal for this backend
 * @param note why it was not measured, or null
 */
public record TargetResult(Target target, Row row, String backend, Double ratio, Status status, boolean official,
        String note) {
    /** The verdict. */
    public enum Status {
        /** The ratio meets the goal. */
        MET,
        /** The ratio misses the goal. */
        MISSED,
        /** A figure is missing on one side. */
        NOT_MEASURED;

        /** @return the word shown in reports */
        public String word() {
            return switch (this) {
                case MET -> "met";
                case MISSED -> "MISSED";
                case NOT_MEASURED -> "n/a";
            };
        }
    }
}
