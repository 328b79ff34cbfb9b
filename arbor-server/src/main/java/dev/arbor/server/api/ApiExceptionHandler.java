package dev.arbor.server.api;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.ExceptionHandlerFunction;

/** Answers {@link ApiException}s as plain text with their status, as Phoenix does. */
public final class ApiExceptionHandler implements ExceptionHandlerFunction {
  @Override
  public HttpResponse handleException(ServiceRequestContext ctx, HttpRequest req, Throwable cause) {
    if (cause instanceof ApiException api) {
      return HttpResponse.of(api.status(), MediaType.PLAIN_TEXT_UTF_8, api.getMessage());
    }
    if (cause instanceof IllegalArgumentException bad) {
      return HttpResponse.of(HttpStatus.UNPROCESSABLE_ENTITY, MediaType.PLAIN_TEXT_UTF_8, bad.getMessage());
    }
    return ExceptionHandlerFunction.fallthrough();
  }
}
