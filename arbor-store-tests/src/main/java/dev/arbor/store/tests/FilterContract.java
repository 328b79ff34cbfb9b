package dev.arbor.store.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbor.model.Span;
import dev.arbor.model.StatusCode;
import dev.arbor.store.AnnotationInput;
import dev.arbor.store.AnnotationTarget;
import dev.arbor.store.Page;
import dev.arbor.store.PageRequest;
import dev.arbor.store.SpanQuery;
import dev.arbor.store.SpanStore;
import dev.arbor.store.StoredSpan;
import dev.arbor.store.TraceQuery;
import dev.arbor.store.TraceSummary;
import dev.arbor.store.filter.Field;
import dev.arbor.store.filter.Filter;
import dev.arbor.store.filter.FilterEvaluator;
import dev.arbor.store.filter.FilterRow.AnnotationValue;
import dev.arbor.store.filter.Scope;
import dev.arbor.store.filter.SpanFilterRow;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter language has one meaning: for every expression here, the store selects exactly the spans (and
 * traces) that {@link FilterEvaluator} selects from the same data. Run against every backend.
 */
public abstract class FilterContract {
  /** Span filters: every kind of name, operator, conversion and missing value the language has. */
  public static final List<String> SPAN_FILTERS = List.of(
      "span_kind == 'LLM'",
      "span_kind != 'LLM'",
      "not span_kind == 'LLM'",
      "status_code == 'ERROR'",
      "status_code == 'ERROR' and status_message == 'timeout'",
      "status_message == ''",
      "name in ['llm-call', 'tool-call']",
      "name not in ('llm-call',)",
      "name > 'retrieve'",
      "latency_ms > 250",
      "100 <= latency_ms < 400",
      "-latency_ms < -300",
      "int(latency_ms / 100) == 2",
      "llm.token_count.total >= 300",
      "llm.token_count.prompt + llm.token_count.completion > 200",
      "llm.token_count.total / 4 > 60.5",
      "llm.token_count.total * 2 - 100 < 300",
      "llm.token_count.total is None",
      "llm.token_count.total is not None and not llm.token_count.total > 500",
      "total_cost > 0.001",
      "cost is None and llm.token_count.prompt is not None",
      "llm.cost.total * 1000 < 1.5",
      "not llm.token_count.total > 100",
      "llm.token_count.prompt_details.cache_read > 20",
      "str(llm.token_count.prompt) > '3'",
      "'refund' in input.value",
      "'Refund' in input.value",
      "'refund' not in input.value",
      "'' in input.value",
      "'café' in output.value or status_message == 'timeout'",
      "input.value is None",
      "llm.model_name == 'gpt-4o'",
      "llm.model_name in ['gpt-4o', 'claude-3-5-sonnet']",
      "'gpt' in llm.model_name",
      "llm.provider == 'anthropic'",
      "parent_id is None",
      "parent_id is not None",
      "parent_id == '0000000000000001'",
      "span_id in ['0000000000000003', '0000000000000004']",
      "trace_id == '0000000000abcdef000000000000138a'",
      "attributes['retrieval.top_k'] > 3",
      "retrieval.top_k == 5",
      "retrieval.top_k in [1, 2]",
      "attributes['score.text'] > 0.5",
      "float(attributes['score.text']) >= 0.7",
      "attributes['score.text'] < '0.2'",
      "attributes['flag'] == True",
      "attributes['flag'] == False",
      "attributes['flag'] != True",
      "attributes['flag'] is None",
      "attributes['nested']['inner'] == 'x'",
      "attributes['no.such.key'] == 'x'",
      "attributes['input.value'] == 'thanks'",
      "metadata['topic'] == 'billing'",
      "metadata['tier'] in ['gold', 'silver']",
      "metadata['missing'] is None and metadata['topic'] is not None",
      "metadata['n'] > 2",
      "'vip' in tags",
      "'vip' not in tags",
      "tags is None",
      "session.id == 'session-3'",
      "session.id is None",
      "user.id is not None",
      "annotations['correctness'].score >= 0.5",
      "annotations['correctness'].label == 'correct'",
      "annotations['correctness'].score is None",
      "not (annotations['correctness'].label == 'wrong')",
      "annotations['absent'].label is None and annotations['correctness'].label is not None",
      "start_time >= '2023-11-14T22:13:40Z'",
      "end_time < '2023-11-14T22:13:30.25Z'",
      "llm.token_count.total > 100 and (span_kind == 'LLM' or status_code == 'ERROR')",
      "span_kind == 'RETRIEVER' or latency_ms < 50 or 'eu' in tags");

  /** Trace filters: roll-ups and the root span's fields. */
  public static final List<String> TRACE_FILTERS = List.of(
      "error_count > 0",
      "error_count == 0 and span_count > 4",
      "span_count >= 6",
      "llm.token_count.total > 500",
      "llm.token_count.total is None",
      "total_cost > 0.002",
      "total_cost is None",
      "latency_ms > 300",
      "'refund' in input.value",
      "session.id == 'session-2'",
      "name == 'pipeline' and status_code == 'OK'",
      "annotations['thumbs'].label == 'up'",
      "annotations['thumbs'].label is None",
      "start_time < '2023-11-14T22:13:40Z'");

  protected SpanStore store;
  private FilterCorpus corpus;

  /** A new store over empty storage. */
  protected abstract SpanStore newStore();

  @BeforeEach
  void openAndFill() {
    store = newStore();
    corpus = new FilterCorpus();
    store.write(corpus.spans);
    store.upsertAnnotations(corpus.annotations);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  public void everySpanFilter_selectsExactlyWhatTheEvaluatorSelects() {
    Map<String, Map<String, AnnotationValue>> annotations = latest(AnnotationTarget.SPAN);
    SoftAssertions softly = new SoftAssertions();
    for (String expression : SPAN_FILTERS) {
      Filter filter = Filter.parse(Scope.SPAN, expression);
      Set<String> expected = corpus.spans.stream()
          .filter(s -> FilterEvaluator.test(filter, SpanFilterRow.of(s, annotations.getOrDefault(s.spanId(), Map.of()))))
          .map(Span::spanId).collect(Collectors.toCollection(TreeSet::new));
      softly.assertThat(selectedSpans(filter)).as(expression).isEqualTo(expected);
    }
    softly.assertAll();
  }

  @Test
  public void theFilters_areNotTrivial_eachSelectsSomeButNotAll() {
    Map<String, Map<String, AnnotationValue>> annotations = latest(AnnotationTarget.SPAN);
    List<String> trivial = SPAN_FILTERS.stream().filter(expression -> {
      Filter filter = Filter.parse(Scope.SPAN, expression);
      long selected = corpus.spans.stream().filter(s -> FilterEvaluator.test(filter,
          SpanFilterRow.of(s, annotations.getOrDefault(s.spanId(), Map.of())))).count();
      return selected == 0 && !expression.contains("no.such.key") || selected == corpus.spans.size();
    }).toList();
    assertThat(trivial).as("filters that select nothing or everything").isEmpty();
  }

  @Test
  public void everyTraceFilter_selectsExactlyWhatTheEvaluatorSelects() {
    Map<String, Map<String, AnnotationValue>> annotations = latest(AnnotationTarget.TRACE);
    Map<String, List<Span>> traces = corpus.spans.stream()
        .collect(Collectors.groupingBy(Span::traceId, LinkedHashMap::new, Collectors.toList()));
    SoftAssertions softly = new SoftAssertions();
    for (String expression : TRACE_FILTERS) {
      Filter filter = Filter.parse(Scope.TRACE, expression);
      Set<String> expected = new TreeSet<>();
      traces.forEach((traceId, spans) -> {
        Span root = spans.stream().filter(s -> s.parentSpanId() == null).findFirst().orElseThrow();
        if (FilterEvaluator.test(filter, SpanFilterRow.trace(root, rollups(spans),
            annotations.getOrDefault(traceId, Map.of())))) {
          expected.add(traceId);
        }
      });
      softly.assertThat(expected).as(expression + " selects some traces").isNotEmpty();
      Page<TraceSummary> page = store.findTraces(TraceQuery.newest(FilterCorpus.PROJECT, 1000).withFilter(filter));
      Set<String> selected = page.items().stream().map(TraceSummary::traceId)
          .collect(Collectors.toCollection(TreeSet::new));
      softly.assertThat(selected).as(expression).isEqualTo(expected);
    }
    softly.assertAll();
  }

  private Set<String> selectedSpans(Filter filter) {
    Set<String> ids = new TreeSet<>();
    SpanQuery query = SpanQuery.of(FilterCorpus.PROJECT, PageRequest.MAX_LIMIT).withFilter(filter);
    while (true) {
      Page<StoredSpan> page = store.findSpans(query);
      page.items().forEach(s -> ids.add(s.span().spanId()));
      if (page.nextCursor().isEmpty()) {
        return ids;
      }
      query = query.withPage(PageRequest.of(page.nextCursor().getAsLong(), PageRequest.MAX_LIMIT));
    }
  }

  /** The latest annotation per target and name, as written (later writes of one name win). */
  private Map<String, Map<String, AnnotationValue>> latest(AnnotationTarget target) {
    Map<String, Map<String, AnnotationValue>> latest = new HashMap<>();
    for (AnnotationInput a : corpus.annotations) {
      if (a.target() == target) {
        latest.computeIfAbsent(a.targetId(), k -> new HashMap<>()).put(a.name(), new AnnotationValue(a.label(), a.score()));
      }
    }
    return latest;
  }

  private static Map<Field, Object> rollups(List<Span> spans) {
    Map<Field, Object> rollups = new EnumMap<>(Field.class);
    rollups.put(Field.SPAN_COUNT, (long) spans.size());
    rollups.put(Field.ERROR_COUNT, spans.stream().filter(s -> s.statusCode() == StatusCode.ERROR).count());
    rollups.put(Field.PROMPT_TOKENS, sum(spans, s -> s.llm().tokens().prompt()));
    rollups.put(Field.COMPLETION_TOKENS, sum(spans, s -> s.llm().tokens().completion()));
    rollups.put(Field.TOTAL_TOKENS, sum(spans, s -> s.llm().tokens().total()));
    rollups.put(Field.CACHE_READ_TOKENS, sum(spans, s -> s.llm().tokens().cacheRead()));
    rollups.put(Field.CACHE_WRITE_TOKENS, sum(spans, s -> s.llm().tokens().cacheWrite()));
    rollups.put(Field.REASONING_TOKENS, sum(spans, s -> s.llm().tokens().reasoning()));
    List<Double> costs = spans.stream().map(s -> s.cost().total()).filter(java.util.Objects::nonNull).toList();
    rollups.put(Field.COST, costs.isEmpty() ? null : costs.stream().mapToDouble(Double::doubleValue).sum());
    return rollups;
  }

  private static Long sum(List<Span> spans, java.util.function.Function<Span, Long> value) {
    List<Long> present = spans.stream().map(value).filter(java.util.Objects::nonNull).toList();
    return present.isEmpty() ? null : present.stream().mapToLong(Long::longValue).sum();
  }
}
