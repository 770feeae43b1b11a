# opsmock as a container, beside the service under test:
#   docker build -t opsmock . && docker run -p 8080:8080 opsmock
# A static binary in an empty image, run as a non-root user. It listens on
# 0.0.0.0:8080, so its control plane needs the token it prints at start.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /opsmock ./cmd/opsmock \
 && mkdir -p /data && chown 65532:65532 /data

FROM scratch
COPY --from=build /opsmock /opsmock
COPY --from=build --chown=65532:65532 /data /data
USER 65532:65532
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s CMD ["/opsmock", "health", "--url", "http://127.0.0.1:8080"]
ENTRYPOINT ["/opsmock"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
