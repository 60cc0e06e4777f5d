// Mail emulators: an SMTP server and SendGrid's v3 Mail Send, sharing one message view.
export * from './sendgrid.js'
export * from './smtp.js'
export * from './store.js'
