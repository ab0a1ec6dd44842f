# syntax=docker/dockerfile:1
# The loader and the server in one small image (docker-compose.yml runs both).
#   docker build -t parkgraph .

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/loader ./loader && \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/server ./server

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/loader /out/server /app/
# The binaries embed the seeds; the copy is there for `loader -dir /app/seeds`.
COPY seeds/ /app/seeds/
ENV ADDR=0.0.0.0:8080 \
    NEO4J_URI=bolt://neo4j:7687 \
    NEO4J_USERNAME=neo4j \
    NEO4J_DATABASE=neo4j
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/app/server"]
