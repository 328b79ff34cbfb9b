package dev.arbor.server.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.Put;
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.arbor.model.pricing.ModelPrice;
import dev.arbor.model.pricing.PriceSource;
import dev.arbor.model.pricing.TokenPrices;
import dev.arbor.server.pricing.Pricing;
import dev.arbor.server.pricing.RecomputeStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Model prices (US dollars per million tokens): every price in force with where it came from, prices set
 * through the API (global or for one project), which price a model gets, and the recompute of stored costs
 * that a change starts.
 */
@Blocking
public final class PricesApi {
  private final Pricing pricing;

  public PricesApi(Pricing pricing) {
    this.pricing = pricing;
  }

  record PriceDto(Long id, String project, String provider, String name, String pattern, double input, double output,
      Double cacheRead, Double cacheWrite, Double reasoning, Double audioInput, Double audioOutput, String pricesAsOf,
      String source) {
    static PriceDto of(ModelPrice p) {
      TokenPrices t = p.prices();
      return new PriceDto(p.id(), p.project(), p.provider(), p.name(), p.pattern(), t.input(), t.output(),
          t.cacheRead(), t.cacheWrite(), t.reasoning(), t.audioInput(), t.audioOutput(),
          p.pricesAsOf() == null ? null : p.pricesAsOf().toString(),
          p.source().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  record PriceInput(String project, String provider, String name, String pattern, Double input, Double output,
      Double cacheRead, Double cacheWrite, Double reasoning, Double audioInput, Double audioOutput, String pricesAsOf) {
    ModelPrice toPrice() {
      double in = ApiJson.required(input, "input");
      double out = ApiJson.required(output, "output");
      LocalDate asOf;
      try {
        asOf = pricesAsOf == null || pricesAsOf.isBlank() ? null : LocalDate.parse(pricesAsOf);
      } catch (DateTimeParseException e) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "prices_as_of must be a date like 2025-08-01");
      }
      try {
        return new ModelPrice(null, project, provider, ApiJson.required(name, "name").strip(), pattern,
            new TokenPrices(in, out, cacheRead, cacheWrite, reasoning, audioInput, audioOutput), PriceSource.CUSTOM,
            asOf);
      } catch (IllegalArgumentException e) {
        throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
      }
    }
  }

  record MatchDto(PriceDto price) {}

  record RecomputeDto(String state, int groupsDone, int groupsTotal, long spansUpdated, String startedAt,
      String finishedAt, String error) {
    static RecomputeDto of(RecomputeStatus s) {
      return new RecomputeDto(s.state(), s.groupsDone(), s.groupsTotal(), s.spansUpdated(),
          s.startedAt() == null ? null : s.startedAt().toString(),
          s.finishedAt() == null ? null : s.finishedAt().toString(), s.error());
    }
  }

  /** Every price in force, most specific sources last; with {@code project}, only those that apply to it. */
  @Get("/api/prices")
  @ProducesJson
  public DataDto<List<PriceDto>> list(ServiceRequestContext ctx) {
    String project = Params.of(ctx).get("project");
    return new DataDto<>(pricing.book().prices().stream()
        .filter(p -> project == null || p.project() == null || p.project().equals(project))
        .map(PriceDto::of).toList());
  }

  @Post("/api/prices")
  @StatusCode(201)
  @ProducesJson
  public DataDto<PriceDto> create(AggregatedHttpRequest request) {
    return new DataDto<>(PriceDto.of(pricing.create(ApiJson.read(request, PriceInput.class).toPrice())));
  }

  @Put("/api/prices/{id}")
  @ProducesJson
  public DataDto<PriceDto> update(@Param("id") String id, AggregatedHttpRequest request) {
    ModelPrice price = ApiJson.read(request, PriceInput.class).toPrice();
    return new DataDto<>(PriceDto.of(pricing.update(id(id), price).orElseThrow(() -> notFound(id))));
  }

  @Delete("/api/prices/{id}")
  public HttpResponse delete(@Param("id") String id) {
    if (!pricing.delete(id(id))) {
      throw notFound(id);
    }
    return HttpResponse.of(HttpStatus.NO_CONTENT);
  }

  /** The price a model of a provider gets in a project, or null: what the UI shows as "unknown" cost. */
  @Get("/api/prices/match")
  @ProducesJson
  public DataDto<MatchDto> match(ServiceRequestContext ctx) {
    Params params = Params.of(ctx);
    String model = params.get("model");
    ApiJson.required(model, "model");
    return new DataDto<>(new MatchDto(pricing.book().find(params.get("project"), params.get("provider"), model)
        .map(PriceDto::of).orElse(null)));
  }

  @Get("/api/prices/recompute")
  @ProducesJson
  public DataDto<RecomputeDto> recompute() {
    return new DataDto<>(RecomputeDto.of(pricing.recomputeStatus()));
  }

  private static long id(String id) {
    return NumericIds.parse(id, "Price");
  }

  /** Bundled and file prices have no id here: they are changed by adding a custom price for the same model. */
  private static ApiException notFound(String id) {
    return NumericIds.notFound(id, "Price");
  }
}
