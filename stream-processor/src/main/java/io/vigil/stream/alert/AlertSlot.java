package io.vigil.stream.alert;

import io.vigil.contracts.alert.Alert;

/**
 * What is stored per de-duplication key: the current alert (open, acknowledged or the last one
 * resolved), how many alerts this key has had (the id suffix), and the source that last counted.
 */
record AlertSlot(Alert current, long sequence, String lastSourceKey) {}
