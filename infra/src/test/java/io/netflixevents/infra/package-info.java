/**
 * Checks of the infrastructure as code: the CloudFormation template, the topology script and the LocalStack hook
 * that runs it, the awscli scripts in {@code infra/aws/}, the Dockerfile and docker-compose.yml. What needs an AWS
 * endpoint runs against a {@code moto_server} each test class starts on a free loopback port.
 */
package io.netflixevents.infra;
