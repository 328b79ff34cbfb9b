package dev.arbor.server.ui;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.file.FileService;
import com.linecorp.armeria.server.file.HttpFile;

/**
 * The web UI's built assets (module {@code arbor-ui}, on the class path under {@code ui/}): files by their
 * path, and {@code index.html} for every other path, so that deep links such as
 * {@code /projects/tickets/traces/…} open the single-page app, which routes them itself.
 */
public final class UiAssets {
  private static final String ROOT = "ui";

  private UiAssets() {}

  public static HttpService service() {
    ClassLoader loader = UiAssets.class.getClassLoader();
    if (loader.getResource(ROOT + "/index.html") == null) {
      return (ctx, req) -> HttpResponse.of(HttpStatus.NOT_FOUND, MediaType.PLAIN_TEXT_UTF_8,
          "This Arbor was built without its web UI. The REST API is at /v1 and described at /docs.\n");
    }
    HttpService index = HttpFile.builder(loader, ROOT + "/index.html")
        .cacheControl("no-cache").build().asService();
    return FileService.builder(loader, ROOT)
        .cacheControl("public, max-age=31536000, immutable") // assets carry a content hash in their names
        .build()
        .orElse(index);
  }
}
