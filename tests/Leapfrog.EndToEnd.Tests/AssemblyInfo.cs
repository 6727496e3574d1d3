// Each test starts its own sandbox (sshd + MariaDB) and runs ansible-playbook; the bench compares wall
// times. Running them one at a time keeps the 2-core machine's timings honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
