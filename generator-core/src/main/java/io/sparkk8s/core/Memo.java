package io.sparkk8s.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small bounded cache of a pure function (issue 18, warm generation): the value kept for a key is what a fresh
 * computation of that key returns, so a hit changes no output. Keys are records of immutable inputs compared by
 * value (a block model, a rule list, a line's chart name), never by identity, so a model rebuilt with the same
 * content hits and a changed one misses. The values returned must be immutable (strings, unmodifiable maps).
 * Least recently used entries go first beyond the bound; a computation runs outside the lock, so two threads may
 * both compute a missing key (both results are equal). A bound must exceed the entries one generation looks up
 * (a subchart's texts per block, the renderings per template): a generation walks its keys in the same order each
 * time, and a least-recently-used cache smaller than that walk misses on every lookup. The bounds of the
 * per-block caches hold Bench's 256 synthetic blocks on both lines; a catalog only fills what it generates.
 */
final class Memo<K, V> {

    private final Map<K, V> entries;

    Memo(int bound) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > bound;
            }
        };
    }

    /** The value of a key: kept from an earlier call with an equal key, or computed now and kept. */
    V get(K key, Function<? super K, ? extends V> compute) {
        synchronized (entries) {
            V kept = entries.get(key);
            if (kept != null) {
                return kept;
            }
        }
        V value = compute.apply(key);
        synchronized (entries) {
            entries.put(key, value);
        }
        return value;
    }
}
