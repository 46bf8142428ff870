package io.netflixevents.frontend.pipeline;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerServicesProperties.class)
class PipelineConfiguration {

}
