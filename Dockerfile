# syntax=docker/dockerfile:1
#
# One Dockerfile, two images, built from the repository root:
#   docker build -t drrs-gateway .                        (the last stage, `gateway`, is the default)
#   docker build --target simulator -t drrs-simulator .
# BuildKit builds only the stages a target needs; the legacy builder builds every earlier stage too.

# ---- build: SDK stages; nothing here reaches the runtime images but the publish output ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build-base
WORKDIR /src
# The solution-wide settings come first: they change rarely, and every restore and build below reads them.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./

FROM build-base AS publish-simulator
# Restore from the project file alone, so the package layer is reused until the project file changes.
COPY src/DrrsGateway.Simulator/DrrsGateway.Simulator.csproj src/DrrsGateway.Simulator/
RUN dotnet restore src/DrrsGateway.Simulator/DrrsGateway.Simulator.csproj
COPY src/DrrsGateway.Simulator/ src/DrrsGateway.Simulator/
RUN dotnet publish src/DrrsGateway.Simulator/DrrsGateway.Simulator.csproj \
      --configuration Release --no-restore --output /app -p:UseAppHost=false

FROM build-base AS publish-gateway
COPY src/DrrsGateway/DrrsGateway.csproj src/DrrsGateway/
RUN dotnet restore src/DrrsGateway/DrrsGateway.csproj
COPY src/DrrsGateway/ src/DrrsGateway/
RUN dotnet publish src/DrrsGateway/DrrsGateway.csproj \
      --configuration Release --no-restore --output /app -p:UseAppHost=false

# ---- runtime: what both images share ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The aspnet image already listens on 8080 (ASPNETCORE_HTTP_PORTS) and defines the non-root `app` user.
EXPOSE 8080
# The image has no curl or wget; the check speaks HTTP through bash's /dev/tcp (see the script).
COPY deploy/docker/healthcheck.sh /usr/local/bin/drrs-healthcheck
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["bash", "/usr/local/bin/drrs-healthcheck", "/healthz"]
USER $APP_UID

FROM runtime AS simulator
COPY --from=publish-simulator /app ./
ENTRYPOINT ["dotnet", "DrrsGateway.Simulator.dll"]

FROM runtime AS gateway
COPY --from=publish-gateway /app ./
ENTRYPOINT ["dotnet", "DrrsGateway.dll"]
