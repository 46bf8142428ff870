# syntax=docker/dockerfile:1
# One image recipe for all five services:
#   docker build --build-arg SERVICE=search-service -t netflix-events/search-service .
# docker-compose.yml builds each service this way. Configuration comes only from the environment at run time
# (AWS_REGION, AWS_ENDPOINT_URL, AWS_SNS_TOPIC, AWS_S3_BUCKET, AWS_SQS_QUEUE_URL, AWS_DYNAMODB_TABLE, SERVER_PORT;
# see the README).

# ---- build: the Maven wrapper builds the one service and the modules it needs
FROM eclipse-temurin:17-jdk-noble AS build
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<service>" >&2; exit 1)
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -q -pl "$SERVICE" -am -DskipTests package
# Boot's layered form: dependencies change less often than the application, so they get their own image layers.
# Without the launcher: application.jar plus lib/, the form a class archive (AOT cache) can be made for.
RUN cp "$SERVICE/target/$SERVICE.jar" /application.jar && \
    java -Djarmode=tools -jar /application.jar extract --layers --destination /extracted

# ---- run: Java 25's JRE, the extracted layers, an AOT cache, a non-root user
# The same start as infra/local/launch.sh: on Java 24+ an AOT cache (JEP 483/514/515) made by a training run that
# stops once the context has refreshed (before the web server and the SQS listeners start, so no AWS is needed at
# build time), then the same flags at run time: the serial collector, a 256 MB heap (compose gives each service
# 512 MB) and the C1 compiler only (launch.sh says why). The build stage stays on JDK 17, the project's Java.
# This image has no curl and no wget (eclipse-temurin installs curl only below Java 22, wget only below 25): the compose
# healthchecks use bash's /dev/tcp instead. What each image contains is recorded in infra/docker/images.yml.
FROM eclipse-temurin:25-jre-noble
ARG SERVICE
LABEL org.opencontainers.image.title="netflix-events $SERVICE"
RUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The clients need a region; nothing listens on port 9 and no instance metadata is asked for: were the refresh to
# call AWS, the build would fail here.
RUN AWS_REGION=us-east-1 AWS_ENDPOINT_URL=http://127.0.0.1:9 AWS_EC2_METADATA_DISABLED=true SERVER_PORT=0 \
    java -XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1 \
    -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar application.jar
USER app
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1", \
    "-XX:AOTCache=app.aot", "-jar", "application.jar"]
