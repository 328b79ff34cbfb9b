package dev.arbor.server.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.Cookie;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.annotation.Blocking;
import com.linecorp.armeria.server.annotation.Delete;
import com.linecorp.armeria.server.annotation.Get;
import com.linecorp.armeria.server.annotation.Param;
import com.linecorp.armeria.server.annotation.Post;
import com.linecorp.armeria.server.annotation.ProducesJson;
import com.linecorp.armeria.server.annotation.StatusCode;
import dev.arbor.server.access.AccessService;
import dev.arbor.server.access.Principal;
import dev.arbor.store.ApiKey;
import dev.arbor.store.User;
import java.util.List;

/**
 * Signing in and out of the UI, the first admin's set-up, and one's own account: who am I, my password, my API
 * keys. The session cookie is HttpOnly, SameSite=Strict, and Secure whenever the browser reached Arbor over HTTPS
 * (or a proxy says so) or on this machine.
 */
@Blocking
public final class AuthApi {
  private final AccessService access;

  public AuthApi(AccessService access) {
    this.access = access;
  }

  record StatusDto(boolean authEnabled, boolean setupRequired, AccessDtos.UserDto user) {}

  record LoginInput(String username, String password) {}

  record SetupInput(String token, String username, String password) {}

  record PasswordInput(String currentPassword, String newPassword) {}

  @Get("/api/auth/status")
  @ProducesJson
  public StatusDto status(ServiceRequestContext ctx) {
    Principal principal = Principal.of(ctx);
    AccessDtos.UserDto user = principal.userId() == null ? null : AccessDtos.UserDto.of(access.self(principal));
    return new StatusDto(access.enabled(), access.setupRequired(), user);
  }

  @Post("/api/auth/login")
  public HttpResponse login(ServiceRequestContext ctx, AggregatedHttpRequest request) {
    LoginInput input = ApiJson.read(request, LoginInput.class);
    try {
      AccessService.SignIn signIn = access.login(input.username(), input.password(),
          ctx.clientAddress().getHostAddress());
      Principal.signedIn(ctx, signIn.user());
      return signedIn(ctx, signIn, HttpStatus.OK);
    } catch (AccessService.Throttled e) {
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS)
          .contentType(MediaType.PLAIN_TEXT_UTF_8)
          .add(HttpHeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds()))).build(),
          com.linecorp.armeria.common.HttpData.ofUtf8(e.getMessage()));
    }
  }

  @Post("/api/auth/setup")
  public HttpResponse setup(ServiceRequestContext ctx, AggregatedHttpRequest request) {
    SetupInput input = ApiJson.read(request, SetupInput.class);
    AccessService.SignIn signIn = access.setup(input.token(), input.username(), input.password());
    Principal.signedIn(ctx, signIn.user());
    return signedIn(ctx, signIn, HttpStatus.CREATED);
  }

  @Post("/api/auth/logout")
  public HttpResponse logout(ServiceRequestContext ctx) {
    ctx.request().headers().cookies().stream().filter(c -> c.name().equals(SessionCookie.NAME)).findFirst()
        .ifPresent(c -> access.logout(c.value()));
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NO_CONTENT)
        .cookie(SessionCookie.expired(ctx)).build());
  }

  @Get("/api/auth/me")
  @ProducesJson
  public DataDto<AccessDtos.UserDto> me(ServiceRequestContext ctx) {
    return new DataDto<>(AccessDtos.UserDto.of(access.self(Principal.of(ctx))));
  }

  @Post("/api/auth/password")
  public HttpResponse password(ServiceRequestContext ctx, AggregatedHttpRequest request) {
    PasswordInput input = ApiJson.read(request, PasswordInput.class);
    return signedIn(ctx, access.changePassword(Principal.of(ctx), input.currentPassword(), input.newPassword()),
        HttpStatus.OK);
  }

  @Get("/api/auth/keys")
  @ProducesJson
  public DataDto<List<AccessDtos.KeyDto>> keys(ServiceRequestContext ctx) {
    return new DataDto<>(access.keysOf(Principal.of(ctx)).stream().map(k -> AccessDtos.KeyDto.of(k, access))
        .toList());
  }

  @Post("/api/auth/keys")
  @StatusCode(201)
  @ProducesJson
  public DataDto<AccessDtos.NewKeyDto> createKey(ServiceRequestContext ctx, AggregatedHttpRequest request) {
    AccessDtos.KeyInput input = ApiJson.read(request, AccessDtos.KeyInput.class);
    return new DataDto<>(AccessDtos.NewKeyDto.of(access.createUserKey(Principal.of(ctx), input.name(),
        input.roleOrNull(), input.grants(), input.expiry()), access));
  }

  @Delete("/api/auth/keys/{id}")
  @ProducesJson
  public DataDto<AccessDtos.KeyDto> revokeKey(ServiceRequestContext ctx, @Param("id") String id) {
    ApiKey key = access.revoke(Principal.of(ctx), NumericIds.parse(id, "API key"));
    return new DataDto<>(AccessDtos.KeyDto.of(key, access));
  }

  private static HttpResponse signedIn(ServiceRequestContext ctx, AccessService.SignIn signIn, HttpStatus status) {
    User user = signIn.user();
    byte[] body;
    try {
      body = ApiJson.MAPPER.writeValueAsBytes(new DataDto<>(AccessDtos.UserDto.of(user)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return HttpResponse.of(ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8)
        .cookie(SessionCookie.of(ctx, signIn.token(), signIn.lifetime())).build(),
        com.linecorp.armeria.common.HttpData.wrap(body));
  }

  /** The session cookie. */
  static final class SessionCookie {
    static final String NAME = AccessService.SESSION_COOKIE;

    private SessionCookie() {}

    static Cookie of(ServiceRequestContext ctx, String token, java.time.Duration lifetime) {
      return Cookie.builder(NAME, token).httpOnly(true).secure(secure(ctx)).sameSite("Strict").path("/")
          .maxAge(lifetime.toSeconds()).build();
    }

    static Cookie expired(ServiceRequestContext ctx) {
      return Cookie.builder(NAME, "").httpOnly(true).secure(secure(ctx)).sameSite("Strict").path("/").maxAge(0)
          .build();
    }

    /** Browsers keep Secure cookies from HTTPS and from this machine (a "potentially trustworthy" origin). */
    private static boolean secure(ServiceRequestContext ctx) {
      if (ctx.sessionProtocol().isTls()
          || "https".equalsIgnoreCase(ctx.request().headers().get("x-forwarded-proto"))) {
        return true;
      }
      String host = ctx.request().authority();
      host = host == null ? "" : host.replaceFirst(":\\d+$", "");
      return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }
  }
}
