"""Real calendar clients (vdirsyncer, khal) subscribing to the feeds."""
