package dev.arbor.store.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbor.store.filter.Expr.CompareOp;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FilterParserTest {

  @Test
  void comparison_ofFieldWithText() {
    assertThat(Filter.parse(Scope.SPAN, "span_kind == 'LLM'").root()).isEqualTo(
        new Expr.Compare(CompareOp.EQ, new Expr.FieldRef(Field.SPAN_KIND), new Expr.Literal("LLM", ValueType.TEXT)));
  }

  @Test
  void chainedComparison_becomesAnd() {
    Expr latency = new Expr.FieldRef(Field.LATENCY_MS);
    assertThat(Filter.parse(Scope.SPAN, "100 < latency_ms <= 2.5e3").root()).isEqualTo(new Expr.And(
        new Expr.Compare(CompareOp.LT, new Expr.Literal(100L, ValueType.NUMBER), latency),
        new Expr.Compare(CompareOp.LE, latency, new Expr.Literal(2500.0, ValueType.NUMBER))));
  }

  @Test
  void precedence_andBindsTighterThanOr_notTighterThanAnd() {
    Expr root = Filter.parse(Scope.SPAN, "not name == 'a' or name == 'b' and name == 'c'").root();
    assertThat(root).isInstanceOf(Expr.Or.class);
    assertThat(((Expr.Or) root).left()).isInstanceOf(Expr.Not.class);
    assertThat(((Expr.Or) root).right()).isInstanceOf(Expr.And.class);
  }

  @Test
  void attributePaths_dottedOrSubscripted_areTypedByWhatTheyAreComparedWith() {
    Expr json = new Expr.JsonRef(Expr.JsonSource.ATTRIBUTES, List.of("retrieval.top_k"));
    Expr expected = new Expr.Compare(CompareOp.GT, new Expr.Coerce(json, ValueType.NUMBER),
        new Expr.Literal(3L, ValueType.NUMBER));
    assertThat(Filter.parse(Scope.SPAN, "retrieval.top_k > 3").root()).isEqualTo(expected);
    assertThat(Filter.parse(Scope.SPAN, "attributes['retrieval.top_k'] > 3").root()).isEqualTo(expected);
  }

  @Test
  void canonicalNames_readTheCanonicalField_inEitherSyntax() {
    Expr expected = new Expr.Compare(CompareOp.EQ, new Expr.FieldRef(Field.MODEL_NAME),
        new Expr.Literal("gpt-4o", ValueType.TEXT));
    assertThat(Filter.parse(Scope.SPAN, "llm.model_name == 'gpt-4o'").root()).isEqualTo(expected);
    assertThat(Filter.parse(Scope.SPAN, "attributes['llm.model_name'] == \"gpt-4o\"").root()).isEqualTo(expected);
  }

  @Test
  void metadataAndAnnotations() {
    assertThat(Filter.parse(Scope.SPAN, "metadata['topic'] == 'billing'").root()).isEqualTo(new Expr.Compare(
        CompareOp.EQ, new Expr.Coerce(new Expr.JsonRef(Expr.JsonSource.METADATA, List.of("topic")), ValueType.TEXT),
        new Expr.Literal("billing", ValueType.TEXT)));
    assertThat(Filter.parse(Scope.SPAN, "annotations['correct'].score >= 0.5").root()).isEqualTo(new Expr.Compare(
        CompareOp.GE, new Expr.AnnotationRef("correct", true), new Expr.Literal(0.5, ValueType.NUMBER)));
    assertThat(Filter.parse(Scope.SPAN, "evals['tone'].label == 'rude'").root()).isEqualTo(new Expr.Compare(
        CompareOp.EQ, new Expr.AnnotationRef("tone", false), new Expr.Literal("rude", ValueType.TEXT)));
  }

  @Test
  void in_isSubstringOnText_andMembershipOnLists() {
    Expr.In substring = (Expr.In) Filter.parse(Scope.SPAN, "'refund' in input.value").root();
    assertThat(substring.substring()).isTrue();
    Expr.In membership = (Expr.In) Filter.parse(Scope.SPAN, "name not in ('a', 'b',)").root();
    assertThat(membership.substring()).isFalse();
    assertThat(membership.negated()).isTrue();
    assertThat(((Expr.In) Filter.parse(Scope.SPAN, "'vip' in tags").root()).substring()).isFalse();
  }

  @Test
  void noneComparisons_becomeNullTests() {
    assertThat(Filter.parse(Scope.SPAN, "parent_id is None").root())
        .isEqualTo(new Expr.IsNull(new Expr.FieldRef(Field.PARENT_ID), false));
    assertThat(Filter.parse(Scope.SPAN, "parent_id != None").root())
        .isEqualTo(new Expr.IsNull(new Expr.FieldRef(Field.PARENT_ID), true));
  }

  @Test
  void times_acceptIsoTextWithZone() {
    Expr root = Filter.parse(Scope.SPAN, "start_time >= '2025-01-01T00:00:00+01:00'").root();
    assertThat(((Expr.Compare) root).right()).isEqualTo(new Expr.Literal(1735686000_000_000_000L, ValueType.TIME));
  }

  @Test
  void traceScope_knowsTotals_butNotSpanIds() {
    assertThat(Filter.parse(Scope.TRACE, "error_count > 0 and span_count >= 3").root()).isInstanceOf(Expr.And.class);
    assertThatThrownBy(() -> Filter.parse(Scope.SPAN, "error_count > 0")).isInstanceOf(FilterException.class);
    assertThatThrownBy(() -> Filter.parse(Scope.TRACE, "span_id == 'x'")).isInstanceOf(FilterException.class);
  }

  @Test
  void unknownName_pointsAtItAndSuggestsTheNearest() {
    assertThatThrownBy(() -> Filter.parse(Scope.SPAN, "span_kind == 'LLM' and latncy_ms > 5"))
        .isInstanceOf(FilterException.class)
        .hasMessage("unknown name 'latncy_ms'; did you mean 'latency_ms'? (at position 23)")
        .extracting(e -> ((FilterException) e).position()).isEqualTo(23);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "latency_ms >                 | the expression ends too early (at position 12)",
      "name == 'open                | string is not closed (at position 8)",
      "name == 5                    | cannot compare text with a number (at position 5)",
      "latency_ms                   | the filter must be a condition, not a number (at position 0)",
      "name == 'a' and latency_ms   | 'and' needs a condition, not a number (at position 16)",
      "start_time > 'yesterday'     | not an ISO-8601 time with zone: 'yesterday' (at position 13)",
      "name is 'a'                  | 'is' compares with None only; use == for values (at position 8)",
      "annotations['x'].value > 1   | an annotation has .score and .label, not 'value' (at position 17)",
      "name == 'a' name             | unexpected 'name' (at position 12)",
      "name ; drop table spans      | unexpected character ';' (at position 5)",
      "latency_ms + 'a' > 1         | '+' needs numbers, not text (at position 13)",
      "'a' in latency_ms            | 'in' needs text or a list on its right, not a number (at position 7)",
      "name in ['a', 1]             | a list must hold values of one type (at position 9)",
  })
  void badExpressions_sayWhatAndWhere(String expression, String message) {
    assertThatThrownBy(() -> Filter.parse(Scope.SPAN, expression)).isInstanceOf(FilterException.class)
        .hasMessage(message);
  }

  @Test
  void hostileNesting_isRefusedWithoutExhaustingTheStack() {
    String deep = "(".repeat(1000) + "name == 'a'" + ")".repeat(1000);
    String nots = "not ".repeat(1000) + "name == 'a'";
    String minus = "-".repeat(1000) + "latency_ms > 0";
    for (String hostile : List.of(deep, nots, minus)) {
      assertThatThrownBy(() -> Filter.parse(Scope.SPAN, hostile)).isInstanceOf(FilterException.class)
          .hasMessageContaining("nests deeper than 200 levels");
    }
    assertThatThrownBy(() -> Filter.parse(Scope.SPAN, "x".repeat(20_001)))
        .isInstanceOf(FilterException.class).hasMessageContaining("longer than 20000 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "span_kind == 'LLM' and latency_ms > 1000",
      "status_code == 'ERROR' or 'timeout' in status_message",
      "llm.token_count.total >= 100 and llm.token_count.prompt < 5000",
      "float(attributes['score']) * 2 - 1 > 0.5",
      "int(llm.token_count.total / 3) == 33",
      "str(llm.token_count.total) == '100'",
      "-latency_ms < -5",
      "not (name in ['a', 'b'])",
      "metadata['tier'] in ['gold', 'silver'] and user.id is not None",
      "attributes['flag'] == True",
      "attributes['nested']['inner'] == 'x'",
  })
  void phoenixStyleExpressions_parse(String expression) {
    assertThat(Filter.parse(Scope.SPAN, expression).root().type()).isEqualTo(ValueType.BOOL);
  }
}
