package io.chaoschain.storage;

/** A vote's direction, numbered as OpenZeppelin's GovernorCountingSimple numbers {@code support}. */
public enum VoteSupport {
    AGAINST,
    FOR,
    ABSTAIN;

    public static VoteSupport fromGovernor(int support) {
        return switch (support) {
            case 0 -> AGAINST;
            case 1 -> FOR;
            case 2 -> ABSTAIN;
            default -> throw new IllegalArgumentException("unknown vote support " + support + " (expected 0, 1 or 2)");
        };
    }

    public int governorValue() {
        return ordinal();
    }
}
