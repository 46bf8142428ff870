# The tutorial's consumer loop (../shared/reference/sqs-sns-tutorial.md, recommendation_service_simulate.py), kept as
# written: one message per receive, print it, delete it, print again. Only the endpoint and queue come from arguments.
# Usage: python3 tutorial_consumer.py <endpoint> <queue url>
import sys

import boto3

sqs = boto3.client('sqs', region_name='us-east-1', endpoint_url=sys.argv[1],
                   aws_access_key_id='test', aws_secret_access_key='test')
queue_name = sys.argv[2]


def receive_messages_from_queue():
    while True:
        try:
            response = sqs.receive_message(QueueUrl=queue_name, MaxNumberOfMessages=1, WaitTimeSeconds=10)

            if 'Messages' in response:
                for message in response['Messages']:
                    print(f"Received message: {message['Body']}")

                    # Here comes the logic to process the event by the recommendation service...

                    # When done, delete the message from the queue
                    sqs.delete_message(QueueUrl=queue_name, ReceiptHandle=message['ReceiptHandle'])
                    print(f"Deleted message: {message['MessageId']}")

            else:
                print("No messages received from the queue.")

        except Exception as e:
            print(f"Error receiving messages: {e}")


if __name__ == '__main__':
    receive_messages_from_queue()
