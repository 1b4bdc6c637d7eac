# One image recipe for every Vigil service: `docker build --build-arg MODULE=ws-gateway .`
# docker-compose.yml builds each service with it.
FROM maven:3.9.11-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -pl ${MODULE} -am package \
 && cp $(ls ${MODULE}/target/${MODULE}-*.jar | grep -v -e plain -e tests) /app.jar

FROM eclipse-temurin:21.0.8_9-jre-noble
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 vigil
USER vigil
COPY --from=build /app.jar /app/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
