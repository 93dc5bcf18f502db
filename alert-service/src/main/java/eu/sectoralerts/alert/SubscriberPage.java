package eu.sectoralerts.alert;

import eu.sectoralerts.common.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The subscriber web page: static files (one HTML page, one JavaScript module, one style sheet)
 * read once from the classpath folder {@code web/} beside this class and served under {@code /app/}
 * ({@code /app} too: Javalin ignores trailing slashes); {@code /} redirects there. Every answer
 * carries a Content-Security-Policy allowing only this origin (no inline script or style, no
 * framing), {@code nosniff}, {@code Referrer-Policy: no-referrer}, and an ETag so a browser
 * revalidates cheaply.
 */
final class SubscriberPage {

  /** Where the page lives. */
  static final String PATH = "/app/";

  /** Scripts, styles, fetches and images from this origin only; never framed. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private static final String FOLDER = "web/";
  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8",
          "favicon.svg", "image/svg+xml");

  /** One file of the page. */
  record Asset(String contentType, byte[] bytes, String etag) {}

  private final Map<String, Asset> assets;

  private SubscriberPage(Map<String, Asset> assets) {
    this.assets = Map.copyOf(assets);
  }

  /**
   * Reads the page's files.
   *
   * @throws IllegalStateException when one is missing from the classpath
   */
  static SubscriberPage load() {
    Map<String, Asset> assets = new LinkedHashMap<>();
    FILES.forEach(
        (name, type) -> {
          byte[] bytes = read(name);
          assets.put(name, new Asset(type, bytes, "\"" + sha256(bytes).substring(0, 32) + "\""));
        });
    return new SubscriberPage(assets);
  }

  /** {@code GET /}: to the page. */
  void redirect(Context ctx) {
    securityHeaders(ctx);
    ctx.redirect(PATH, HttpStatus.FOUND);
  }

  /** {@code GET /app/}: the page itself (it names its files by absolute path). */
  void index(Context ctx) {
    serve(ctx, assets.get("index.html"));
  }

  /** {@code GET /app/{file}}: one of the page's files, or the JSON 404. */
  void file(Context ctx) {
    Optional<Asset> asset = Optional.ofNullable(assets.get(ctx.pathParam("file")));
    if (asset.isEmpty()) {
      throw ApiException.notFound("No such resource: " + ctx.path());
    }
    serve(ctx, asset.get());
  }

  private static void serve(Context ctx, Asset asset) {
    securityHeaders(ctx);
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", asset.etag());
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  private static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
  }

  private static byte[] read(String name) {
    try (InputStream in = SubscriberPage.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The subscriber page's file " + FOLDER + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + FOLDER + name, e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
