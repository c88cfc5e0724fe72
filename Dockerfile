# syntax=docker/dockerfile:1
# Kvalitetsportal — container image.
#   docker build -t kvalitetsportal .
#   docker run -p 8080:8080 -v kp-data:/data -e Setup__AdminPassword=... kvalitetsportal
# (SQLite in /data by default; see docker-compose.yml for PostgreSQL.)
# test.sh's "publish smoke test" runs the same `dotnet publish` and starts the result, since
# docker cannot run on the project's machines.

# ---- build ---------------------------------------------------------------------------------------
# global.json asks for SDK >= 10.0.401 (rollForward latestFeature); the sdk:10.0 tag carries the
# newest 10.0 feature band.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORKDIR /src
# The whole tree (less what .dockerignore drops) rather than csproj-first layers: modules come
# and go, and the NuGet cache mount keeps a rebuild's restore fast anyway.
COPY . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/Kvalitetsportal.Web -c Release -o /app \
 && rm -f /app/appsettings.Development.json  # holds local-only passwords; never in an image

# ---- runtime -------------------------------------------------------------------------------------
# The default (non-chiseled) aspnet image includes ICU, which sv-SE formatting needs
# (InvariantGlobalization=false); a chiseled image would need the -extra variant.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

# Data folder: SQLite database, data-protection keys, logs, uploads. Created here so that a new
# named volume mounted on it starts out owned by the non-root user.
RUN mkdir -p /data && chown "$APP_UID:$APP_UID" /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Portal__DataFolder=/data
VOLUME /data
EXPOSE 8080

# The image's non-root user `app` (APP_UID=1654).
USER $APP_UID

# No HEALTHCHECK: neither curl nor wget is in the aspnet image, and adding one only to probe
# /health/ready would grow the image and its attack surface. Orchestrators should probe
# http://<container>:8080/health/live (liveness) and /health/ready (readiness: database reachable).
ENTRYPOINT ["dotnet", "Kvalitetsportal.Web.dll"]
