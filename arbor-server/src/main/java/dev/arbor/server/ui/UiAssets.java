package dev.arbor.server.ui;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.file.FileService;
import com.linecorp.armeria.server.file.HttpFile;

/**
 * The web UI's built assets (module {@code arbor-ui}, on the class path under {@code ui/}). Hashed files under
 * {@code /assets/} are cached for good; {@code index.html} is never cached (so an upgrade takes effect at once)
 * and answers every app path, so that deep links such as {@code /projects/tickets/traces/…} open the
 * single-page app. Unknown API paths, missing assets and anything with a file extension are 404s, not the app.
 * Every answer forbids script from anywhere but this server.
 */
public final class UiAssets {
  private static final String ROOT = "ui";
  private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

  private UiAssets() {}

  public static HttpService service() {
    ClassLoader loader = UiAssets.class.getClassLoader();
    if (loader.getResource(ROOT + "/index.html") == null) {
      return (ctx, req) -> HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8,
          "This Arbor was built without its web UI. The REST API is at /v1 and described at /docs.\n");
    }
    HttpService index = HttpFile.builder(loader, ROOT + "/index.html").cacheControl("no-cache").build().asService();
    HttpService assets = FileService.builder(loader, ROOT)
        .cacheControl("public, max-age=31536000, immutable") // their names carry a hash of their content
        .build();
    HttpService files = FileService.builder(loader, ROOT).cacheControl("public, max-age=3600").build();
    HttpService app = (ctx, req) -> {
      String path = ctx.path();
      if (path.startsWith("/v1/") || path.startsWith("/api/")) {
        return HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8, "Not found: " + path + "\n");
      }
      if (path.startsWith("/assets/")) {
        return assets.serve(ctx, req);
      }
      if (path.substring(path.lastIndexOf('/') + 1).contains(".") && !path.equals("/index.html")) {
        return files.serve(ctx, req); // the icon and other files at the top; a 404 when there is none
      }
      return index.serve(ctx, req);
    };
    return app.decorate((delegate, ctx, req) -> {
      ctx.addAdditionalResponseHeader("content-security-policy", POLICY);
      ctx.addAdditionalResponseHeader(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
      return delegate.serve(ctx, req);
    });
  }
}
