# Build from the repository root:  docker build -f docker/command-side.Dockerfile -t tradeoffs/command-side .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl command-side -am install

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 tradeoffs
USER tradeoffs
COPY --from=build /src/command-side/target/command-side-*-exec.jar /app/command-side.jar
EXPOSE 8081
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Daxoniq.update-checker.disabled=true"
ENTRYPOINT ["java", "-jar", "/app/command-side.jar"]
