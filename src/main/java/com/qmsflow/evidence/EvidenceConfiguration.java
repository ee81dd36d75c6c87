package com.qmsflow.evidence;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Multipart limits derived from the one setting {@code qms.attachments.max-size} (default 20MB): a
 * file may have that size, a request that plus 1 MB for the other fields and headers. Replaces the
 * {@code spring.servlet.multipart} defaults (1MB/10MB); a larger body gets 413.
 */
@Configuration
public class EvidenceConfiguration {

  @Bean
  MultipartConfigElement multipartConfigElement(
      @Value("${qms.attachments.max-size:20MB}") DataSize maxSize) {
    MultipartConfigFactory factory = new MultipartConfigFactory();
    factory.setMaxFileSize(maxSize);
    factory.setMaxRequestSize(
        DataSize.ofBytes(maxSize.toBytes() + DataSize.ofMegabytes(1).toBytes()));
    factory.setFileSizeThreshold(DataSize.ofKilobytes(256));
    return factory.createMultipartConfig();
  }
}
