package io.smartcrm.job.alerts;

import java.io.Serializable;

/**
 * How segment shifts are detected (see the {@code alerts.*} options).
 *
 * @param windowMillis        tumbling window of the snapshots
 * @param referenceWindows    trailing windows pooled into the reference
 * @param psiMinor            PSI of a minor distribution shift
 * @param psiMajor            PSI of a major distribution shift
 * @param shareChange         relative share change of a segment alert (0.5 = ×1.5 or ÷1.5)
 * @param churnChange         absolute rise of a segment's mean churn risk that is an alert
 * @param minCustomers        active segmented customers a window needs to be judged
 * @param minSegmentCustomers customers of a segment (in the window or per reference window) a segment alert needs
 * @param openAfter           consecutive windows with the condition that open an alert
 * @param resolveAfter        consecutive windows without the condition that resolve an alert
 * @param maxOpenWindows      windows after which a lasting shift becomes the new reference
 */
public record ShiftSettings(long windowMillis, int referenceWindows, double psiMinor, double psiMajor,
                            double shareChange, double churnChange, int minCustomers, int minSegmentCustomers,
                            int openAfter, int resolveAfter, int maxOpenWindows) implements Serializable {
    /** At least this many judged windows form a reference before anything is compared with it. */
    public static final int MIN_REFERENCE_WINDOWS = 3;
    /** Smallest absolute share change (percentage points / 100) a segment alert needs. */
    public static final double MIN_SHARE_POINTS = 0.02;
    /**
     * z a segment's change must reach (two-sided p below 0.0001): with several segments judged every window,
     * noise alone raises a segment alert less than once in 3,000 windows.
     */
    public static final double Z_CRITICAL = 4.0;

    public ShiftSettings {
        if (windowMillis <= 0 || referenceWindows < MIN_REFERENCE_WINDOWS || psiMinor <= 0 || psiMajor < psiMinor
                || shareChange <= 0 || churnChange <= 0 || minCustomers < 1 || minSegmentCustomers < 1
                || openAfter < 1 || resolveAfter < 1 || maxOpenWindows < 1) {
            throw new IllegalArgumentException("alerts: window > 0, reference-windows >= " + MIN_REFERENCE_WINDOWS
                    + ", 0 < psi-minor <= psi-major, share-change and churn-change > 0, min-customers,"
                    + " min-segment-customers, open-after, resolve-after and max-open-windows >= 1");
        }
    }
}
