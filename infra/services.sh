#!/usr/bin/env bash
# Brings up (or stops, or reports) the real services Vigil needs: Kafka, RabbitMQ, Redis.
# Idempotent and safe to run often: `./mvnw verify` runs `up` before the integration tests and
# `./vigil up` runs it before starting Vigil's own components.
#   infra/services.sh up | down | status
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case "${1:-}" in
  up)
    "$here/redis/redis.sh" up
    "$here/rabbitmq/rabbitmq.sh" up
    "$here/kafka/kafka.sh" up
    ;;
  down)
    "$here/kafka/kafka.sh" down
    "$here/rabbitmq/rabbitmq.sh" down
    "$here/redis/redis.sh" down
    ;;
  status)
    "$here/kafka/kafka.sh" status
    "$here/rabbitmq/rabbitmq.sh" status
    "$here/redis/redis.sh" status
    ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
