# The qkdsched CLI as an image (for deploy/k8s and any container runtime):
#   docker build -t qkdsched:latest .
#   docker run --rm -v "$PWD/out:/data" qkdsched:latest sweep /app/instances/sweeps/seed000-table2.yaml --out /data/seed000-table2
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/QkdScheduler.Cli/QkdScheduler.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app /app
COPY instances /app/instances
RUN printf '#!/bin/sh\nexec dotnet /app/qkdsched.dll "$@"\n' > /usr/local/bin/qkdsched && chmod +x /usr/local/bin/qkdsched
ENTRYPOINT ["qkdsched"]
