package com.qmsflow.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard page ({@code static/dashboard/index.html}) at {@code /dashboard/}. The page itself
 * is public (it contains no data); it reads the figures from {@code /api/dashboard} with the
 * Camunda webapp login session.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardPageConfiguration implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/dashboard", "/dashboard/");
    registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
  }
}
