package io.sparkk8s.api;

import java.util.List;
import java.util.Objects;

/**
 * A block id is unknown, or the registered blocks do not fit together (two claim the same id or values key,
 * an id is malformed, a requirement has no provider). Front ends read {@link #blockId()} and
 * {@link #reason()} to point at the input that named the block, rather than parsing the message.
 */
public class UnknownBlockException extends GenerationException {

    /** What is wrong with the block id. */
    public enum Reason {
        /** A request (include or exclude list, composition) names an id no registered block has. */
        UNKNOWN_ID,
        /** Two registered blocks share the id or the values key. */
        DUPLICATE,
        /** A registered block declares something malformed: its id, values key, endpoints or values. */
        INVALID_BLOCK,
        /** A block of the chart requires a capability no block of the chart provides. */
        MISSING_PROVIDER
    }

    private final Reason reason;
    private final String blockId;
    private final List<String> knownIds;

    /**
     * A failure about one block id.
     *
     * @param reason what is wrong
     * @param blockId the offending id as given (the unknown id, or the id of the block at fault)
     * @param message what is wrong and how to fix it; the sorted known ids are appended
     * @param knownIds the ids of the registered blocks
     */
    public UnknownBlockException(Reason reason, String blockId, String message, List<String> knownIds) {
        super(
                message + "; known blocks: "
                        + String.join(", ", knownIds.stream().sorted().toList()),
                null);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.blockId = Objects.requireNonNull(blockId, "blockId");
        this.knownIds = knownIds.stream().sorted().toList();
    }

    /** A failure not tied to one block id ({@link #blockId()} is empty, the reason {@code INVALID_BLOCK}). */
    public UnknownBlockException(String message, List<String> knownIds) {
        this(Reason.INVALID_BLOCK, "", message, knownIds);
    }

    /** A request named an id that no registered block has. */
    public static UnknownBlockException unknownId(String id, String hint, List<String> knownIds) {
        return new UnknownBlockException(Reason.UNKNOWN_ID, id, "unknown block id '" + id + "'" + hint, knownIds);
    }

    /** What is wrong. */
    public Reason reason() {
        return reason;
    }

    /** The offending block id as given; empty when the failure is not about one id. */
    public String blockId() {
        return blockId;
    }

    /** The ids of the registered blocks, sorted. */
    public List<String> knownIds() {
        return knownIds;
    }
}
