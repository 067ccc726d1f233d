package io.sparkk8s.core;

import io.sparkk8s.api.Block;
import io.sparkk8s.api.Suggestions;
import io.sparkk8s.api.UnknownBlockException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The blocks found with {@link ServiceLoader}; built-in and third-party blocks come through the same door. */
final class BlockRegistry {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]*");

    private final Map<String, Block> byId;

    private BlockRegistry(Map<String, Block> byId) {
        this.byId = byId;
    }

    /** Discovers every block visible to the class loader. */
    static BlockRegistry discover(ClassLoader classLoader) {
        List<Block> blocks = new ArrayList<>();
        ServiceLoader.load(Block.class, classLoader).forEach(blocks::add);
        return of(blocks);
    }

    /**
     * A registry of the given blocks.
     *
     * @throws UnknownBlockException when two blocks share an id or values key, or an id is malformed
     */
    static BlockRegistry of(Collection<Block> blocks) {
        Map<String, Block> byId = new TreeMap<>();
        Map<String, Block> byKey = new TreeMap<>();
        for (Block block : blocks) {
            List<String> known = blocks.stream().map(Block::id).toList();
            if (!ID.matcher(block.id()).matches()) {
                throw new UnknownBlockException(
                        UnknownBlockException.Reason.INVALID_BLOCK,
                        block.id(),
                        "block id '" + block.id() + "' of " + block.getClass().getName()
                                + " must be lower-case words joined by '-'",
                        known);
            }
            if (!KEY.matcher(block.valuesKey()).matches() || block.valuesKey().equals("global")) {
                throw new UnknownBlockException(
                        UnknownBlockException.Reason.INVALID_BLOCK,
                        block.id(),
                        "values key '" + block.valuesKey() + "' of block " + block.id()
                                + " must be a camelCase identifier other than 'global'",
                        known);
            }
            String s3Defect = s3Defect(block);
            if (!s3Defect.isEmpty()) {
                throw new UnknownBlockException(
                        UnknownBlockException.Reason.INVALID_BLOCK,
                        block.id(),
                        "block " + block.id() + " of " + block.getClass().getName() + " " + s3Defect,
                        known);
            }
            Block previous = byId.put(block.id(), block);
            if (previous != null) {
                throw new UnknownBlockException(
                        UnknownBlockException.Reason.DUPLICATE,
                        block.id(),
                        "duplicate block id '" + block.id() + "': "
                                + previous.getClass().getName() + " and "
                                + block.getClass().getName()
                                + "; remove one of the jars or rename the block",
                        known);
            }
            Block sameKey = byKey.put(block.valuesKey(), block);
            if (sameKey != null) {
                throw new UnknownBlockException(
                        UnknownBlockException.Reason.DUPLICATE,
                        block.id(),
                        "blocks " + sameKey.id() + " and " + block.id() + " share the values key '" + block.valuesKey()
                                + "'",
                        known);
            }
        }
        return new BlockRegistry(byId);
    }

    /**
     * What is inconsistent in a block's S3 declaration, or empty: a block provides {@link Block#S3} exactly when
     * it names the endpoint that serves it ({@link Block#s3Endpoint()}), one of its own endpoints.
     */
    static String s3Defect(Block block) {
        boolean provides = block.provides().contains(Block.S3);
        java.util.Optional<io.sparkk8s.api.Endpoint> endpoint = block.s3Endpoint();
        if (provides && endpoint.isEmpty()) {
            return "provides " + Block.S3 + " but names no endpoint that serves it; return it from s3Endpoint()";
        }
        if (!provides && endpoint.isPresent()) {
            return "names an S3 endpoint (s3Endpoint()) but does not provide " + Block.S3 + "; add it to provides()";
        }
        if (endpoint.isPresent() && !block.endpoints().contains(endpoint.get())) {
            return "serves S3 at endpoint '" + endpoint.get().id() + "', which is not one of its endpoints()";
        }
        return "";
    }

    /** Every block, sorted by id. */
    List<Block> all() {
        return List.copyOf(byId.values());
    }

    /** The sorted ids. */
    List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * The block with the id.
     *
     * @throws UnknownBlockException listing the known ids
     */
    Block get(String id) {
        Block block = byId.get(id);
        if (block == null) {
            throw UnknownBlockException.unknownId(id, suggest(id), ids());
        }
        return block;
    }

    private String suggest(String id) {
        return Suggestions.closest(id, byId.keySet())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
    }
}
