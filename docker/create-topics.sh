#!/bin/bash
# Creates the pipeline's topics on the compose cluster (broker auto-creation is off). The list
# mirrors common's PipelineTopics.specs(partitions, replication): names, partitions, retention and
# compaction; app's ComposeFileTest fails when the two drift apart. Every topic also gets
# min.insync.replicas=2, so an acknowledged write (acks=all) is on two brokers at least.
set -euo pipefail

BOOTSTRAP="${BOOTSTRAP_SERVERS:-kafka-1:29092}"
PARTITIONS="${TOPIC_PARTITIONS:-6}"
REPLICATION="${TOPIC_REPLICATION_FACTOR:-3}"
MIN_ISR="${TOPIC_MIN_INSYNC_REPLICAS:-2}"
TOPICS=/opt/kafka/bin/kafka-topics.sh

create() { # name partitions config...
  local name="$1" partitions="$2"
  shift 2
  local args=()
  for config in "$@" "min.insync.replicas=${MIN_ISR}"; do
    args+=(--config "$config")
  done
  "$TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor "$REPLICATION" "${args[@]}"
}

create news-items "$PARTITIONS" cleanup.policy=delete retention.ms=-1
create tagged-items "$PARTITIONS" cleanup.policy=delete retention.ms=-1
create watchlists "$PARTITIONS" cleanup.policy=compact
create alerts "$PARTITIONS" cleanup.policy=delete retention.ms=31536000000
create enrich-dead-letters 1 cleanup.policy=delete retention.ms=2592000000
create alert-dead-letters 1 cleanup.policy=delete retention.ms=2592000000
create subscribers "$PARTITIONS" cleanup.policy=compact
create webhook-deliveries "$PARTITIONS" cleanup.policy=compact

"$TOPICS" --bootstrap-server "$BOOTSTRAP" --describe --topic 'news-items|tagged-items|alerts' | grep -c Leader
echo "sector-alerts topics ready"
