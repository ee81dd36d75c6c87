package com.qmsflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Camunda's REST resources find the process engine provider through {@link ServiceLoader}: with
 * {@link ServiceLookups} the same providers, the service file searched for once; everything else
 * from the application's class loader.
 */
class ServiceLookupsTest {

  private static final String PROVIDER_FILE =
      ServiceLookups.SERVICES + ProcessEngineProvider.class.getName();

  /** The test's class loader, counting the searches for service files. */
  static final class CountingLoader extends ClassLoader {
    final AtomicInteger serviceSearches = new AtomicInteger();

    CountingLoader() {
      super(ServiceLookupsTest.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.startsWith(ServiceLookups.SERVICES)) {
        serviceSearches.incrementAndGet();
      }
      return super.getResources(name);
    }
  }

  private static List<String> providers(ClassLoader loader) {
    return ServiceLoader.load(ProcessEngineProvider.class, loader).stream()
        .map(p -> p.type().getName())
        .toList();
  }

  @Test
  void findsTheSameProvidersSearchingOnce() {
    CountingLoader application = new CountingLoader();
    ServiceLookups lookups = new ServiceLookups(application);
    List<String> expected = providers(application);
    application.serviceSearches.set(0);

    assertThat(providers(lookups)).isEqualTo(expected).isNotEmpty();
    assertThat(providers(lookups)).isEqualTo(expected);
    assertThat(application.serviceSearches).hasValue(1);
  }

  @Test
  void aServiceFileReadsAsTheOriginal() throws IOException {
    ClassLoader application = ServiceLookupsTest.class.getClassLoader();
    ServiceLookups lookups = new ServiceLookups(application);
    List<URL> originals = java.util.Collections.list(application.getResources(PROVIDER_FILE));
    List<URL> kept = java.util.Collections.list(lookups.getResources(PROVIDER_FILE));

    assertThat(kept).hasSameSizeAs(originals);
    for (int i = 0; i < kept.size(); i++) {
      try (var a = originals.get(i).openStream();
          var b = kept.get(i).openStream()) {
        assertThat(b.readAllBytes()).isEqualTo(a.readAllBytes());
      }
      assertThat(kept.get(i).toString()).endsWith(originals.get(i).toString());
    }
  }

  @Test
  void everyOtherResourceAndClassComesFromTheApplication() throws Exception {
    CountingLoader application = new CountingLoader();
    ServiceLookups lookups = new ServiceLookups(application);
    String resource = "org/camunda/bpm/engine/rest/spi/ProcessEngineProvider.class";

    assertThat(lookups.getResource(resource)).isEqualTo(application.getResource(resource));
    assertThat(lookups.loadClass(ProcessEngineProvider.class.getName()))
        .isSameAs(ProcessEngineProvider.class);
    assertThat(java.util.Collections.list(lookups.getResources("META-INF/MANIFEST.MF")))
        .isEqualTo(java.util.Collections.list(application.getResources("META-INF/MANIFEST.MF")));
    assertThat(application.serviceSearches).hasValue(0);
  }

  @Test
  void theFilterSetsTheLoaderForTheRequestAndGivesTheThreadsOwnBack() throws Exception {
    CachedServiceLookups.ServiceLookupsFilter filter =
        new CachedServiceLookups.ServiceLookupsFilter();
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    AtomicReference<ClassLoader> during = new AtomicReference<>();

    filter.doFilter(
        new MockHttpServletRequest("GET", "/engine-rest/task"),
        new MockHttpServletResponse(),
        (req, res) -> during.set(thread.getContextClassLoader()));
    assertThat(during.get()).isInstanceOf(ServiceLookups.class);
    assertThat(((ServiceLookups) during.get()).application()).isSameAs(own);
    assertThat(thread.getContextClassLoader()).isSameAs(own);

    AtomicReference<ClassLoader> second = new AtomicReference<>();
    assertThatThrownBy(
            () ->
                filter.doFilter(
                    new MockHttpServletRequest("GET", "/engine-rest/task"),
                    new MockHttpServletResponse(),
                    (req, res) -> {
                      second.set(thread.getContextClassLoader());
                      throw new ServletException("failed");
                    }))
        .isInstanceOf(ServletException.class);
    // the same loader for every request of the application, and the thread's own after a failure
    assertThat(second.get()).isSameAs(during.get());
    assertThat(thread.getContextClassLoader()).isSameAs(own);
  }
}
