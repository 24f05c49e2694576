package net.taler.common.age;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A denomination's age mask (crypto.md 8.1, 8.2): bit {@code k} set means an age group
 * starts at age {@code k}; bit 0 is always set. The value {@code 0} ({@link #NONE}) means
 * "not age restricted". The mask is part of the denomination public key, of
 * {@code h_denom_pub} and of the age attestation block.
 *
 * @param bits the mask as an unsigned 32-bit value
 */
public record AgeMask(int bits) {
    /** Not age restricted (JSON {@code age_mask: 0}). */
    public static final AgeMask NONE = new AgeMask(0);
    /** The default groups {@code 8:10:12:14:16:18:21}, i.e. {@code 0x00255501}. */
    public static final AgeMask DEFAULT = parse("8:10:12:14:16:18:21");

    /**
     * @throws IllegalArgumentException if the mask is non-zero but bit 0 is not set
     */
    public AgeMask {
        if (bits != 0 && (bits & 1) == 0) {
            throw new IllegalArgumentException("age mask " + Integer.toUnsignedString(bits)
                    + " must have bit 0 set");
        }
    }

    /** The mask from its unsigned value (JSON {@code age_mask}). */
    public static AgeMask of(long bits) {
        if (bits < 0 || bits > 0xffffffffL) {
            throw new IllegalArgumentException("age mask out of range: " + bits);
        }
        return new AgeMask((int) bits);
    }

    /**
     * The mask for a list of group start ages (each in 1..31, strictly increasing), e.g.
     * {@code 8, 10, 12}; an empty list gives the single-group mask {@code 1}.
     */
    public static AgeMask ofGroupStarts(int... starts) {
        Objects.requireNonNull(starts, "starts");
        int bits = 1;
        int last = 0;
        for (int s : starts) {
            if (s <= last || s > 31) {
                throw new IllegalArgumentException("age group starts must be strictly increasing in 1..31");
            }
            bits |= 1 << s;
            last = s;
        }
        return new AgeMask(bits);
    }

    /** Parses the configuration form {@code "8:10:12:14:16:18:21"} (AGE_GROUPS). */
    public static AgeMask parse(String groups) {
        Objects.requireNonNull(groups, "groups");
        String trimmed = groups.trim();
        if (trimmed.isEmpty()) {
            return ofGroupStarts();
        }
        String[] parts = trimmed.split(":", -1);
        int[] starts = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                starts[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad age group list: " + groups, e);
            }
        }
        return ofGroupStarts(starts);
    }

    /** True unless this is {@link #NONE}. */
    public boolean isRestricted() {
        return bits != 0;
    }

    /** Number of age groups: the number of set bits ({@code countAgeGroups}); 0 for {@link #NONE}. */
    public int groupCount() {
        return Integer.bitCount(bits);
    }

    /**
     * Number of Edx25519 keys in an age commitment: {@code popcount(mask) - 1}.
     *
     * @throws IllegalStateException for {@link #NONE}
     */
    public int keyCount() {
        if (!isRestricted()) {
            throw new IllegalStateException("age mask 0: no age restriction");
        }
        return groupCount() - 1;
    }

    /** The start ages of the groups after group 0, ascending ({@code getAgeGroupsFromMask}). */
    public List<Integer> groupStarts() {
        List<Integer> out = new ArrayList<>();
        for (int age = 1; age < 32; age++) {
            if ((bits >>> age & 1) != 0) {
                out.add(age);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The age group of an age ({@code get_age_group} / {@code getAgeGroupIndex}): the number
     * of set bits at positions 1..age. Ages of 31 and above all fall into the last group.
     *
     * @throws IllegalArgumentException for a negative age
     */
    public int groupIndex(int age) {
        if (age < 0) {
            throw new IllegalArgumentException("negative age " + age);
        }
        int limit = Math.min(age, 31);
        int above = limit == 31 ? bits >>> 1 : (bits >>> 1) & ((1 << limit) - 1);
        return Integer.bitCount(above);
    }

    /** The configuration form, e.g. {@code "8:10:12:14:16:18:21"}; empty for masks 0 and 1. */
    public String toGroupString() {
        StringBuilder sb = new StringBuilder();
        for (int s : groupStarts()) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(s);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "AgeMask(" + Integer.toUnsignedString(bits) + (isRestricted() ? " = " + toGroupString() : "") + ")";
    }
}
