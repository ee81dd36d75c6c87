package com.qmsflow.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A class loader in front of the application's that answers {@code java.util.ServiceLoader}'s
 * look-ups of {@code META-INF/services/*} from memory after the first: the list of files found and
 * their content, read once. Every other class and resource comes from the application's class
 * loader, unchanged.
 *
 * <p>Why: Camunda's REST resources look up the process engine through {@code ServiceLoader} for
 * every resource they create ({@code EngineUtil.lookupProcessEngine}, several per request of
 * Tasklist or the engine REST API), and in the packaged application each look-up searches every
 * nested jar for the service file and opens it (issue 21: 2.4 % of the application's CPU in the
 * lifecycle, 4 % of what it allocated). The service files are part of the packaged application and
 * do not change while it runs.
 */
final class ServiceLookups extends ClassLoader {

  static final String SERVICES = "META-INF/services/";

  private final Map<String, List<URL>> services = new ConcurrentHashMap<>();

  ServiceLookups(ClassLoader application) {
    super(application);
  }

  /** The application's class loader this one stands in front of. */
  ClassLoader application() {
    return getParent();
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (!name.startsWith(SERVICES)) {
      return super.getResources(name);
    }
    List<URL> found = services.get(name);
    if (found == null) {
      found = read(name);
      services.put(name, found);
    }
    return Collections.enumeration(found);
  }

  /** Each service file of that name, as a URL whose content is kept in memory. */
  private List<URL> read(String name) throws IOException {
    List<URL> kept = new ArrayList<>();
    for (URL url : Collections.list(application().getResources(name))) {
      byte[] content;
      try (InputStream in = url.openStream()) {
        content = in.readAllBytes();
      }
      kept.add(inMemory(url, content));
    }
    return List.copyOf(kept);
  }

  private static URL inMemory(URL original, byte[] content) throws MalformedURLException {
    URLStreamHandler handler =
        new URLStreamHandler() {
          @Override
          protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
              @Override
              public void connect() {
                connected = true;
              }

              @Override
              public InputStream getInputStream() {
                return new ByteArrayInputStream(content);
              }
            };
          }
        };
    // the original's text, so that a message naming the file names the real one
    return new URL(null, "memory:" + original, handler);
  }
}
