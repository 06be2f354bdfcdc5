package io.smartcrm.job.models;

import io.smartcrm.model.profile.CustomerProfile;

/**
 * A scored profile and the version Elasticsearch orders its writes by: the profile's own version in the high
 * bits, re-scorings of that profile version (after a model update) in the low {@value #RESCORE_BITS} bits.
 */
public class ScoredProfile {
    public static final int RESCORE_BITS = 20;

    public CustomerProfile profile;
    public long rescores;

    public ScoredProfile() {}

    public ScoredProfile(CustomerProfile profile) {
        this.profile = profile;
    }

    public long writeVersion() {
        return (profile.version << RESCORE_BITS) | Math.min(rescores, (1L << RESCORE_BITS) - 1);
    }
}
