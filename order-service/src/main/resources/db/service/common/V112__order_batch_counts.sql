-- How many of a batch's lines are accepted and rejected so far, kept in the batch's row in the
-- transaction that changes a line's state: a batch's progress is then read from one row instead of
-- counting its lines (100,000 of them at most) on every GET.
ALTER TABLE order_batch ADD COLUMN accepted_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE order_batch ADD COLUMN rejected_count INTEGER DEFAULT 0 NOT NULL;
UPDATE order_batch SET
    accepted_count = (SELECT COUNT(*) FROM order_batch_line l
                      WHERE l.batch_id = order_batch.batch_id AND l.state = 'ACCEPTED'),
    rejected_count = (SELECT COUNT(*) FROM order_batch_line l
                      WHERE l.batch_id = order_batch.batch_id AND l.state = 'REJECTED');
