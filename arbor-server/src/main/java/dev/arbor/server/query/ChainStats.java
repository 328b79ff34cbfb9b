package dev.arbor.server.query;

import dev.arbor.model.Span;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a set of traces (chains of calls), computed from their spans: how deep and long they are, which
 * spans most often lie on the critical path (what made a trace as slow as it was, walked as the trace view draws
 * it), and how much of the work runs in parallel. Percentiles are nearest-rank over the traces.
 *
 * <p>Parallelism looks at the leaves of each trace (spans without children: the calls that do the work). A trace's
 * concurrency is the leaves' summed time over the time at least one of them runs (1 when they run one after
 * another); its peak is the most leaves running at one instant.
 */
public record ChainStats(int traces, Summary depth, Summary durationMs, Summary spans, double meanConcurrency,
    int peakConcurrency, int parallelTraces, List<OnPath> criticalPath) {

  /** How many spans of one name to list on the critical path, most frequent first. */
  static final int PATH_NAMES = 10;

  /** Nearest-rank p50 and p95, and the maximum; zero for no traces. */
  public record Summary(double p50, double p95, double max) {
    static Summary of(double[] values) {
      if (values.length == 0) {
        return new Summary(0, 0, 0);
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      return new Summary(rank(sorted, 0.5), rank(sorted, 0.95), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
      return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
  }

  /**
   * Spans of one name below the root on the critical path: in how many traces (and what share of them), and their
   * mean duration there.
   */
  public record OnPath(String name, int traces, double share, double meanMs) {}

  public static ChainStats of(List<TraceSummary> traces) {
    int n = traces.size();
    double[] depths = new double[n];
    double[] durations = new double[n];
    double[] sizes = new double[n];
    double concurrencySum = 0;
    int peak = 0;
    int parallel = 0;
    Map<String, int[]> pathTraces = new HashMap<>();
    Map<String, double[]> pathTime = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Tree tree = new Tree(traces.get(i).spans().stream().map(StoredSpan::span).toList());
      depths[i] = tree.depth();
      durations[i] = tree.durationNanos() / 1e6;
      sizes[i] = tree.spans.size();
      double[] concurrency = tree.leafConcurrency();
      concurrencySum += concurrency[0];
      peak = Math.max(peak, (int) concurrency[1]);
      parallel += concurrency[1] >= 2 ? 1 : 0;
      Set<String> names = new LinkedHashSet<>();
      for (Span span : tree.criticalPath()) {
        if (!tree.isRoot(span)) {
          names.add(span.name());
          double[] time = pathTime.computeIfAbsent(span.name(), k -> new double[2]);
          time[0] += (span.endTimeUnixNano() - span.startTimeUnixNano()) / 1e6;
          time[1]++;
        }
      }
      names.forEach(name -> pathTraces.computeIfAbsent(name, k -> new int[1])[0]++);
    }
    List<OnPath> path = new ArrayList<>();
    pathTraces.forEach((name, count) -> path.add(new OnPath(name, count[0], (double) count[0] / n,
        pathTime.get(name)[0] / pathTime.get(name)[1])));
    path.sort(Comparator.comparingInt(OnPath::traces).reversed().thenComparing(OnPath::meanMs,
        Comparator.reverseOrder()).thenComparing(OnPath::name));
    return new ChainStats(n, Summary.of(depths), Summary.of(durations), Summary.of(sizes),
        n == 0 ? 0 : concurrencySum / n, peak, parallel, List.copyOf(path.subList(0, Math.min(PATH_NAMES, path.size()))));
  }

  /** One trace's spans as a tree; a span whose parent is not stored counts as a root, as in the trace view. */
  private static final class Tree {
    private final List<Span> spans;
    private final Map<String, List<Span>> children = new HashMap<>();
    private final List<Span> roots = new ArrayList<>();
    private final Set<Span> rootSet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    Tree(List<Span> spans) {
      this.spans = spans;
      Map<String, Span> byId = new HashMap<>();
      spans.forEach(s -> byId.put(s.spanId(), s));
      for (Span span : spans) {
        Span parent = span.parentSpanId() == null ? null : byId.get(span.parentSpanId());
        if (parent == null || parent == span) {
          roots.add(span);
          rootSet.add(span);
        } else {
          children.computeIfAbsent(parent.spanId(), k -> new ArrayList<>()).add(span);
        }
      }
    }

    boolean isRoot(Span span) {
      return rootSet.contains(span);
    }

    private List<Span> childrenOf(Span span) {
      return children.getOrDefault(span.spanId(), List.of());
    }

    /** Levels of spans from a root down to the deepest leaf: 1 for a trace of one span. */
    int depth() {
      int deepest = 0;
      List<Span> level = roots;
      while (!level.isEmpty()) {
        deepest++;
        List<Span> next = new ArrayList<>();
        level.forEach(s -> next.addAll(childrenOf(s)));
        level = next;
      }
      return deepest;
    }

    long durationNanos() {
      long start = spans.stream().mapToLong(Span::startTimeUnixNano).min().orElse(0);
      long end = spans.stream().mapToLong(Span::endTimeUnixNano).max().orElse(0);
      return end - start;
    }

    /**
     * The critical path as the trace view draws it (Jaeger's rule): from a span's end, the child that finished
     * last (clipped to the span), then from that child's start the child that finished last before it, and so on,
     * each chosen child walked by the same rule.
     */
    List<Span> criticalPath() {
      List<Span> path = new ArrayList<>();
      roots.forEach(root -> walk(root, path));
      return path;
    }

    private void walk(Span node, List<Span> path) {
      path.add(node);
      long cursor = node.endTimeUnixNano();
      List<Span> byEnd = new ArrayList<>(childrenOf(node));
      byEnd.sort(Comparator.comparingLong(Span::endTimeUnixNano).reversed());
      for (Span child : byEnd) {
        long end = Math.min(child.endTimeUnixNano(), node.endTimeUnixNano());
        if (end <= cursor && end > node.startTimeUnixNano() && child.startTimeUnixNano() < cursor) {
          walk(child, path);
          cursor = child.startTimeUnixNano();
        }
      }
    }

    /** The leaves' summed time over the time any of them runs, and the most leaves running at one instant. */
    double[] leafConcurrency() {
      List<long[]> edges = new ArrayList<>(); // {time, +1 at a start or -1 at an end}
      long summed = 0;
      for (Span span : spans) {
        if (childrenOf(span).isEmpty() && span.endTimeUnixNano() > span.startTimeUnixNano()) {
          edges.add(new long[] {span.startTimeUnixNano(), 1});
          edges.add(new long[] {span.endTimeUnixNano(), -1});
          summed += span.endTimeUnixNano() - span.startTimeUnixNano();
        }
      }
      // Ends before starts at the same instant: a call that starts as another ends does not overlap it.
      edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
      long busy = 0;
      long since = 0;
      int running = 0;
      int peak = 0;
      for (long[] edge : edges) {
        if (running > 0) {
          busy += edge[0] - since;
        }
        running += (int) edge[1];
        since = edge[0];
        peak = Math.max(peak, running);
      }
      return new double[] {busy == 0 ? 1 : (double) summed / busy, Math.max(peak, spans.isEmpty() ? 0 : 1)};
    }
  }
}
