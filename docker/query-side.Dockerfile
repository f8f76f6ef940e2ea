# Build from the repository root:  docker build -f docker/query-side.Dockerfile -t tradeoffs/query-side .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl query-side -am install

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tradeoffs
USER tradeoffs
COPY --from=build /src/query-side/target/query-side-*-exec.jar /app/query-side.jar
EXPOSE 8082
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Daxoniq.update-checker.disabled=true"
ENTRYPOINT ["java", "-jar", "/app/query-side.jar"]
