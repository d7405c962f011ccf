package io.chaoschain.node.lifecycle;

import java.util.Objects;

/**
 * Who hears from a node part: progress lines for people, proposal milestones for the parts that act on them.
 *
 * @param progress where progress lines go
 * @param milestones who is told of proposal milestones
 */
public record Listeners(ProgressListener progress, MilestoneListener milestones) {
    public Listeners {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(milestones, "milestones");
    }

    /** Progress lines only. */
    public static Listeners progressOnly(ProgressListener progress) {
        return new Listeners(progress, MilestoneListener.NONE);
    }

    /** These listeners with {@code more} told of milestones too (after the ones already here). */
    public Listeners alsoTelling(MilestoneListener more) {
        return new Listeners(progress, MilestoneListener.fanOut(milestones, more));
    }
}
