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
# Boot's layered form, launcher included: dependencies change less often than the application, so they get their own
# image layers.
RUN java -Djarmode=tools -jar "$SERVICE/target/$SERVICE.jar" extract --layers --launcher --destination /extracted

# ---- run: a JRE, the extracted layers, a non-root user
# eclipse-temurin's Ubuntu images ship curl, which the compose healthchecks use.
FROM eclipse-temurin:17-jre-noble
ARG SERVICE
LABEL org.opencontainers.image.title="netflix-events $SERVICE"
RUN groupadd --system app && useradd --system --gid app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
